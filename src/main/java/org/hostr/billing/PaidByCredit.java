package org.hostr.billing;

import java.time.Instant;
import org.hostr.audit.AuditLog;
import org.hostr.payments.SettlementListener;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles an invoice that credit and discount left with nothing to pay ({@link InvoiceAmounts#paidByCredit()}), in
 * the transaction that issues it: no Lightning invoice is asked for (Strike cannot bill zero), the invoice is PAID at
 * once, and the same listeners run as for a Lightning payment, so an order is provisioned and a renewal extends its
 * service exactly as if it had been paid at Strike.
 */
final class PaidByCredit {
    private static final Logger log = LoggerFactory.getLogger(PaidByCredit.class);

    private final InvoiceService invoices;
    private final AuditLog audit;
    private final SettlementListener onPaid;

    PaidByCredit(InvoiceService invoices, AuditLog audit, SettlementListener onPaid) {
        this.invoices = invoices;
        this.audit = audit;
        this.onPaid = onPaid;
    }

    PaidInvoice settle(DSLContext tx, long invoiceId, Instant now) {
        PaidInvoice paid = invoices.markPaid(tx, invoiceId, now).orElseThrow(() -> new IllegalStateException(
                "invoice id " + invoiceId + " was issued in this transaction but is not UNPAID"));
        audit.record(tx, AuditLog.SYSTEM, "invoice.paid", paid.number(), "paid by credit (nothing left to pay after"
                + " credit and discount), service " + paid.serviceId() + " now " + paid.serviceStatus(), now);
        onPaid.invoicePaid(tx, paid);
        log.info("invoice {} paid by credit, service {} {}", paid.number(), paid.serviceId(),
                paid.serviceStatus().toLowerCase(java.util.Locale.ROOT));
        return paid;
    }
}
