package org.hostr.payments;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hostr.audit.AuditLog;
import org.hostr.billing.InvoiceService;
import org.hostr.billing.PaidInvoice;
import org.hostr.db.Database;
import org.hostr.payments.strike.StrikeClient;
import org.hostr.payments.strike.StrikeInvoice;
import org.hostr.payments.strike.StrikeInvoiceState;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on what Strike says about one of its invoices. Webhooks carry no state, so every settlement reads the invoice
 * and trusts only that; a duplicate, late or reordered webhook therefore does no harm, and the guarded UPDATE in
 * {@link InvoiceService#markPaid} makes concurrent settlements of one invoice settle it once. Stored webhook events
 * about the invoice that arrived before the GET are marked processed: the answer covered their change. For a payment
 * that happens in the settling transaction, so a settlement is one commit.
 */
public final class SettlementService {
    private static final Logger log = LoggerFactory.getLogger(SettlementService.class);
    private static final List<PaymentState> OPEN_STATES = List.of(PaymentState.CREATING, PaymentState.UNPAID, PaymentState.PENDING);

    private final Database database;
    private final StrikeInvoiceReads reads;
    private final InvoiceService invoices;
    private final AuditLog audit;
    private final List<SettlementListener> listeners;
    private final Clock clock;
    private final PaymentRepository payments = new PaymentRepository();
    private final WebhookEventRepository events;

    public SettlementService(Database database, StrikeClient strike, InvoiceService invoices, AuditLog audit,
                             List<SettlementListener> listeners, Clock clock) {
        this.database = database;
        this.events = new WebhookEventRepository(database.dsl());
        this.reads = new StrikeInvoiceReads(strike::getInvoices);
        this.invoices = invoices;
        this.audit = audit;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
    }

    /**
     * Asks Strike for the invoice's state and records it.
     *
     * @throws org.hostr.payments.strike.StrikeException when Strike cannot be asked; nothing changed, try again later
     */
    public Settlement settle(String providerInvoiceId) {
        return settle(providerInvoiceId, tx -> { });
    }

    /**
     * As {@link #settle(String)}; when the invoice is PAID, {@code alsoInTransaction} runs in the settling transaction
     * (the settlement job marks itself DONE there, so settling and finishing the job are one commit).
     */
    public Settlement settle(String providerInvoiceId, java.util.function.Consumer<DSLContext> alsoInTransaction) {
        Instant asked = clock.instant();
        Optional<Payment> found = payment(providerInvoiceId, asked);
        if (found.isEmpty()) {
            return Settlement.UNKNOWN_INVOICE;
        }
        // Read with the other settlements' reads of the moment (see StrikeInvoiceReads): one list call for a burst.
        return record(found.get(), reads.get(providerInvoiceId), asked, alsoInTransaction);
    }

    /**
     * Records what Strike said of one of its invoices in a read made at {@code asked} or later (the reconciler reads
     * its open payments in list calls and hands each answer here).
     */
    public Settlement settle(StrikeInvoice current, Instant asked) {
        Optional<Payment> found = payment(current.invoiceId(), asked);
        return found.isEmpty() ? Settlement.UNKNOWN_INVOICE : record(found.get(), current, asked, tx -> { });
    }

    private Optional<Payment> payment(String providerInvoiceId, Instant asked) {
        Optional<Payment> found = payments.byProviderInvoiceId(database.dsl(), providerInvoiceId);
        if (found.isEmpty()) {
            log.info("strike invoice {} is not one of ours; ignored", providerInvoiceId);
            events.markProcessed(database.dsl(), providerInvoiceId, asked, clock.instant());
        }
        return found;
    }

    private Settlement record(Payment payment, StrikeInvoice current, Instant asked,
                              java.util.function.Consumer<DSLContext> alsoInTransaction) {
        String providerInvoiceId = payment.providerInvoiceId();
        Instant now = clock.instant();
        if (current.state() == StrikeInvoiceState.PAID) {
            return markPaid(payment, asked, now, alsoInTransaction);
        }
        Settlement outcome = switch (current.state()) {
            case PENDING -> {
                if (payments.moveState(database.dsl(), payment.id(), List.of(PaymentState.CREATING, PaymentState.UNPAID),
                        PaymentState.PENDING, now)) {
                    log.info("payment {} for invoice id {} in flight", providerInvoiceId, payment.invoiceId());
                }
                yield Settlement.PENDING;
            }
            case CANCELLED, REVERSED -> {
                payments.moveState(database.dsl(), payment.id(), OPEN_STATES, PaymentState.CANCELLED, now);
                log.info("strike invoice {} is {}; payment marked CANCELLED", providerInvoiceId, current.state());
                yield Settlement.CANCELLED;
            }
            default -> Settlement.OPEN;
        };
        events.markProcessed(database.dsl(), providerInvoiceId, asked, now);
        return outcome;
    }

    private Settlement markPaid(Payment payment, Instant asked, Instant now,
                                java.util.function.Consumer<DSLContext> alsoInTransaction) {
        Optional<PaidInvoice> paid = database.transaction(tx -> {
            alsoInTransaction.accept(tx);
            events.markProcessed(tx, payment.providerInvoiceId(), asked, now);
            Optional<PaidInvoice> result = invoices.markPaid(tx, payment.invoiceId(), now);
            payments.markPaid(tx, payment.id(), now);
            result.ifPresent(invoice -> {
                audit.record(tx, AuditLog.SYSTEM, "invoice.paid", invoice.number(),
                        "strike invoice " + payment.providerInvoiceId() + ", service " + invoice.serviceId()
                                + " now " + invoice.serviceStatus(), now);
                for (SettlementListener listener : listeners) {
                    listener.invoicePaid(tx, invoice);
                }
            });
            return result;
        });
        if (paid.isEmpty()) {
            log.debug("strike invoice {} was already settled", payment.providerInvoiceId());
            return Settlement.ALREADY_SETTLED;
        }
        PaidInvoice invoice = paid.get();
        log.info("invoice {} paid, service {} {}", invoice.number(), invoice.serviceId(), invoice.serviceStatus().toLowerCase());
        return Settlement.SETTLED;
    }
}
