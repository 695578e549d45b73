package org.hostr.billing;

import java.time.Instant;
import java.util.Optional;
import org.hostr.audit.AuditLog;
import org.hostr.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues the renewal invoice of a service's current period (from next_due_at, one plan period long, due at
 * next_due_at). At most one per period, whoever asks: the sweep, a second instance's sweep, or the customer's "renew
 * now". The partial unique index invoices_renewal_period_uk decides; the loser's transaction rolls back so the invoice
 * number it claimed is given back.
 */
final class RenewalInvoices {
    private static final Logger log = LoggerFactory.getLogger(RenewalInvoices.class);

    private final Database database;
    private final AuditLog audit;
    private final InvoiceRepository invoices = new InvoiceRepository();

    RenewalInvoices(Database database, AuditLog audit) {
        this.database = database;
        this.audit = audit;
    }

    /** @return the new invoice's number, or empty when that period's renewal invoice exists already */
    Optional<String> issue(RenewalRepository.BilledService service, Instant now) {
        try {
            return Optional.of(database.transaction(tx -> {
                String number = InvoiceNumbers.next(tx, now);
                Instant from = service.nextDueAt();
                if (invoices.insertBilled(tx, "RENEWAL", number, service.customerId(), service.id(), service.planId(),
                        service.priceMinor(), service.currency(), from, service.period().addTo(from), from, now).isEmpty()) {
                    throw new AlreadyIssued();
                }
                audit.record(tx, AuditLog.SYSTEM, "invoice.issued", number, "renewal of service " + service.id()
                        + " for the period from " + from, now);
                return number;
            }));
        } catch (AlreadyIssued e) {
            log.debug("renewal of service {} from {} was issued by someone else", service.id(), service.nextDueAt());
            return Optional.empty();
        }
    }

    /** Rolls the issuing transaction back (and with it the claimed invoice number). */
    private static final class AlreadyIssued extends RuntimeException {
        AlreadyIssued() {
            super(null, null, false, false);
        }
    }
}
