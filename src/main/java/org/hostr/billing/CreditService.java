package org.hostr.billing;

import java.time.Clock;
import java.util.Collection;
import java.util.Set;
import org.hostr.audit.AuditLog;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A customer's credit balance (downgrade credits, refunds): spent on every new invoice as it is issued (orders,
 * renewals, upgrades), topped up by refunds. Both run inside the caller's transaction, so the balance moves with the
 * invoice or not at all, and both write the audit log.
 */
public final class CreditService {
    private static final Logger log = LoggerFactory.getLogger(CreditService.class);
    /** Each retry means another transaction changed the balance in between; a handful is plenty. */
    private static final int MAX_ATTEMPTS = 10;

    private final AuditLog audit;
    private final Clock clock;
    private final CreditRepository credits = new CreditRepository();

    public CreditService(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    public long balance(DSLContext db, long customerId) {
        return credits.balance(db, customerId);
    }

    /** Those of {@code customerIds} who have a balance to spend: one query for a batch of invoices. */
    public Set<Long> customersWithCredit(DSLContext db, Collection<Long> customerIds) {
        return credits.withCredit(db, customerIds);
    }

    /** As {@link #applyCredit(DSLContext, long, long, String)} for an invoice not yet numbered. */
    public long applyCredit(DSLContext tx, long customerId, long invoiceTotalMinor) {
        return applyCredit(tx, customerId, invoiceTotalMinor, null);
    }

    /**
     * Spends as much of the customer's balance as covers {@code invoiceTotalMinor} and returns the amount spent; the
     * caller prices the invoice with it ({@link InvoiceAmounts#of}) in the same transaction, so the balance moves with
     * the invoice or not at all. The UPDATE is guarded by {@code credit_minor >= amount}: if a concurrent transaction
     * spent the balance between our read and our write, the UPDATE changes nothing and we read again, so the balance
     * never goes below zero.
     *
     * @param invoiceNumber named in the audit log; null if not known yet
     */
    public long applyCredit(DSLContext tx, long customerId, long invoiceTotalMinor, String invoiceNumber) {
        if (invoiceTotalMinor < 0) {
            throw new IllegalArgumentException("invoice total must be 0 or more, was " + invoiceTotalMinor);
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            long amount = Math.min(credits.balance(tx, customerId), invoiceTotalMinor);
            if (amount <= 0) {
                return 0;
            }
            if (credits.debit(tx, customerId, amount)) {
                String invoice = invoiceNumber == null ? "an invoice" : "invoice " + invoiceNumber;
                audit.record(tx, AuditLog.SYSTEM, "credit.applied", "customer:" + customerId,
                        amount + " minor units of credit applied to " + invoice + " of " + invoiceTotalMinor, clock.instant());
                log.info("credit: {} applied to {} for customer {}", amount, invoice, customerId);
                return amount;
            }
        }
        throw new IllegalStateException("the credit balance of customer " + customerId + " kept changing; try again");
    }

    /** Adds {@code amountMinor} to the customer's balance, with the reason in the audit log. */
    public void refundToBalance(DSLContext tx, long customerId, long amountMinor, String reason) {
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("a refund to balance must be above 0, was " + amountMinor);
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a refund to balance needs a reason for the audit log");
        }
        if (!credits.credit(tx, customerId, amountMinor)) {
            throw new IllegalArgumentException("customer " + customerId + " does not exist");
        }
        audit.record(tx, AuditLog.SYSTEM, "credit.refunded", "customer:" + customerId,
                amountMinor + " minor units: " + reason, clock.instant());
        log.info("credit: {} refunded to the balance of customer {} ({})", amountMinor, customerId, reason);
    }
}
