package org.hostr.payments;

import org.hostr.billing.PaidInvoice;
import org.jooq.DSLContext;

/**
 * Told when an invoice becomes PAID, inside the settling transaction: enqueue follow-up work (provisioning, unsuspend,
 * a receipt) with {@code tx} so it commits with the payment or not at all. Called once per invoice. Throwing rolls the
 * settlement back; it is retried with the next webhook or reconciler pass.
 */
public interface SettlementListener {
    void invoicePaid(DSLContext tx, PaidInvoice invoice);
}
