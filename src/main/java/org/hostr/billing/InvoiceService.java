package org.hostr.billing;


import java.time.Instant;
import java.util.Optional;
import org.hostr.catalog.BillingPeriod;
import org.hostr.db.Database;
import org.hostr.web.ApiError;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reading invoices for their owner, and the one place an invoice becomes PAID. */
public final class InvoiceService {
    private static final Logger log = LoggerFactory.getLogger(InvoiceService.class);

    private final Database database;
    private final InvoiceRepository invoices = new InvoiceRepository();
    private final ServiceRecords services = new ServiceRecords();

    public InvoiceService(Database database) {
        this.database = database;
    }

    /** The invoice if this customer owns it; someone else's invoice is a 404 too, so numbers reveal nothing. */
    public Invoice forOwner(long customerId, String number) {
        return invoices.byNumber(database.dsl(), number)
                .filter(invoice -> invoice.customerId() == customerId)
                .orElseThrow(() -> ApiError.notFound("invoice " + number));
    }

    public Optional<Invoice> byNumber(String number) {
        return invoices.byNumber(database.dsl(), number);
    }

    public Optional<Invoice> byId(long id) {
        return invoices.byId(database.dsl(), id);
    }

    public Optional<Invoice> byId(DSLContext tx, long id) {
        return invoices.byId(tx, id);
    }

    /**
     * Marks the invoice PAID inside the caller's transaction, exactly once: the UPDATE is guarded by status='UNPAID',
     * so of any number of concurrent or repeated settlements only one sees a row change and gets a result.
     * A first (NEW) invoice starts the service's first period: PENDING → PROVISIONING, next due one period on.
     */
    public Optional<PaidInvoice> markPaid(DSLContext tx, long invoiceId, Instant now) {
        // Read first (with the plan's period), then the guarded UPDATE decides: of settlements racing for one invoice,
        // only one changes the row, whatever the others read.
        Optional<InvoiceRepository.Settling> found = invoices.forSettlement(tx, invoiceId);
        if (found.isEmpty() || !Invoice.UNPAID.equals(found.get().invoice().status())) {
            return Optional.empty();
        }
        Invoice invoice = found.get().invoice();
        boolean first = "NEW".equals(invoice.kind()) && invoice.planId() != null;
        Instant nextDue = null;
        if (first) {
            if (found.get().planPeriod() == null) {
                throw new IllegalStateException("invoice " + invoice.number() + " names plan " + invoice.planId() + ", which is gone");
            }
            nextDue = BillingPeriod.valueOf(found.get().planPeriod()).addTo(now);
        }
        if (!invoices.markPaid(tx, invoiceId, now, first ? now : null, nextDue)) {
            return Optional.empty();
        }
        String serviceStatus = null;
        if (first) {
            if (services.startFirstPeriod(tx, invoice.serviceId(), now, nextDue)) {
                serviceStatus = "PROVISIONING";
            } else {
                log.warn("invoice {} paid but service {} was not PENDING; left as it is", invoice.number(), invoice.serviceId());
            }
        }
        // RENEWAL and UPGRADE invoices: extending the service belongs to the renewal feature (a SettlementListener).
        return Optional.of(new PaidInvoice(invoice.id(), invoice.number(), invoice.customerId(), invoice.serviceId(),
                invoice.kind(), invoice.totalMinor(), invoice.currency(), now,
                serviceStatus != null ? serviceStatus : services.statusOf(tx, invoice.serviceId()), found.get().promoCodeId()));
    }
}
