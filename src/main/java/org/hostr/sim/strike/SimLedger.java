package org.hostr.sim.strike;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the simulated Strike account holds: invoices, quotes, events, subscriptions. One lock guards it all — a
 * test server needs correctness, not throughput. Every state change records an event and hands it to the webhook
 * publisher, inside the lock so events go out in the order they happened.
 */
final class SimLedger {
    private static final Logger log = LoggerFactory.getLogger(StrikeSimulator.class);
    static final int MAX_SUBSCRIPTIONS = 50;

    interface Publisher {
        /** Must not block: called with the ledger locked. */
        void publish(SimEvent event, List<SimSubscription> targets);
    }

    private final Map<String, SimInvoice> invoices = new LinkedHashMap<>();
    private final Map<String, String> invoiceIdByCorrelationId = new HashMap<>();
    private final Map<String, SimQuote> quotesByLnInvoice = new HashMap<>();
    private final List<SimEvent> events = new ArrayList<>();
    private final Set<String> deliveredEventIds = ConcurrentHashMap.newKeySet();
    private final Map<String, SimSubscription> subscriptions = new LinkedHashMap<>();
    private final String accountId = UUID.randomUUID().toString();
    private final SimRates rates;
    private final Duration quoteLifetime;
    private final boolean uniqueCorrelationIds;
    private final Clock clock;
    private final Publisher publisher;

    SimLedger(SimRates rates, Duration quoteLifetime, boolean uniqueCorrelationIds, Clock clock, Publisher publisher) {
        this.rates = rates;
        this.quoteLifetime = quoteLifetime;
        this.uniqueCorrelationIds = uniqueCorrelationIds;
        this.clock = clock;
        this.publisher = publisher;
    }

    synchronized SimInvoice createInvoice(String correlationId, String description, BigDecimal amount, String currency) {
        if (uniqueCorrelationIds && correlationId != null && invoiceIdByCorrelationId.containsKey(correlationId)) {
            // Strike's behaviour on a reused correlationId is UNCONFIRMED; 409 is the safe assumption to test against
            throw new SimError(409, "DUPLICATE_INVOICE", "Invoice with correlation id " + correlationId + " already exists");
        }
        SimInvoice invoice = new SimInvoice(UUID.randomUUID().toString(), correlationId, description, amount, currency,
                SimInvoiceState.UNPAID, now(), accountId);
        invoices.put(invoice.invoiceId(), invoice);
        if (correlationId != null) {
            invoiceIdByCorrelationId.put(correlationId, invoice.invoiceId());
        }
        emit("invoice.created", invoice.invoiceId(), List.of());
        return invoice;
    }

    synchronized Optional<SimInvoice> invoice(String invoiceId) {
        return Optional.ofNullable(invoices.get(invoiceId));
    }

    synchronized List<SimInvoice> invoices() {
        return List.copyOf(invoices.values());
    }

    synchronized SimQuote quote(String invoiceId) {
        SimInvoice invoice = existing(invoiceId);
        if (invoice.state() != SimInvoiceState.UNPAID) {
            throw SimError.wrongState(invoice.state());
        }
        Instant created = now();
        long sats = rates.sats(invoice.amount(), invoice.currency());
        String bolt11 = FakeBolt11.encode(sats, created, quoteLifetime.toSeconds(), invoice.description());
        SimQuote quote = new SimQuote(UUID.randomUUID().toString(), invoiceId, bolt11, created,
                created.plus(quoteLifetime), sats, rates.btcPrice(invoice.currency()));
        quotesByLnInvoice.put(bolt11, quote);
        return quote;
    }

    synchronized SimInvoice cancel(String invoiceId) {
        return move(existing(invoiceId), SimInvoiceState.CANCELLED, Set.of(SimInvoiceState.UNPAID));
    }

    synchronized SimInvoice markPending(String invoiceId) {
        return move(existing(invoiceId), SimInvoiceState.PENDING, Set.of(SimInvoiceState.UNPAID));
    }

    /** UNPAID → PENDING → PAID, one event per step; {@code hold} stops at PENDING. */
    synchronized SimInvoice pay(String invoiceId, boolean hold) {
        SimInvoice invoice = existing(invoiceId);
        if (invoice.state() == SimInvoiceState.UNPAID) {
            invoice = move(invoice, SimInvoiceState.PENDING, Set.of(SimInvoiceState.UNPAID));
        }
        return hold ? invoice : move(invoice, SimInvoiceState.PAID, Set.of(SimInvoiceState.PENDING));
    }

    /** Pays the invoice behind a BOLT11 the simulator issued, as a wallet would; an expired quote cannot be paid. */
    synchronized SimInvoice payLnInvoice(String lnInvoice) {
        SimQuote quote = quotesByLnInvoice.get(lnInvoice);
        if (quote == null) {
            throw new SimError(404, "NOT_FOUND", "No quote has this lnInvoice");
        }
        if (!now().isBefore(quote.expiration())) {
            throw new SimError(422, "QUOTE_EXPIRED", "The quote expired at " + quote.expiration() + "; ask for a new one");
        }
        return pay(quote.invoiceId(), false);
    }

    synchronized List<SimEvent> events() {
        return List.copyOf(events);
    }

    synchronized Optional<SimEvent> event(String eventId) {
        return events.stream().filter(e -> e.id().equals(eventId)).findFirst();
    }

    boolean delivered(String eventId) {
        return deliveredEventIds.contains(eventId);
    }

    void markDelivered(String eventId) {
        deliveredEventIds.add(eventId);
    }

    synchronized SimSubscription createSubscription(String url, String version, String secret, boolean enabled,
                                                    List<String> eventTypes) {
        if (subscriptions.size() >= MAX_SUBSCRIPTIONS) {
            throw new SimError(422, "MAX_SUBSCRIPTIONS_REACHED", "At most " + MAX_SUBSCRIPTIONS + " subscriptions");
        }
        SimSubscription s = new SimSubscription(UUID.randomUUID().toString(), url, version, secret, enabled, now(),
                List.copyOf(eventTypes));
        subscriptions.put(s.id(), s);
        return s;
    }

    synchronized List<SimSubscription> subscriptions() {
        return List.copyOf(subscriptions.values());
    }

    synchronized SimSubscription subscription(String id) {
        SimSubscription s = subscriptions.get(id);
        if (s == null) {
            throw SimError.notFound("Subscription");
        }
        return s;
    }

    synchronized SimSubscription replaceSubscription(SimSubscription updated) {
        subscription(updated.id());
        subscriptions.put(updated.id(), updated);
        return updated;
    }

    synchronized void deleteSubscription(String id) {
        subscription(id);
        subscriptions.remove(id);
    }

    private SimInvoice existing(String invoiceId) {
        SimInvoice invoice = invoices.get(invoiceId);
        if (invoice == null) {
            throw SimError.notFound("Invoice");
        }
        return invoice;
    }

    private SimInvoice move(SimInvoice invoice, SimInvoiceState next, Set<SimInvoiceState> allowedFrom) {
        if (!allowedFrom.contains(invoice.state())) {
            throw SimError.wrongState(invoice.state());
        }
        SimInvoice moved = invoice.withState(next);
        invoices.put(moved.invoiceId(), moved);
        log.info("strike sim: invoice {} {} -> {}", moved.invoiceId(), invoice.state(), next);
        emit("invoice.updated", moved.invoiceId(), List.of("state"));
        return moved;
    }

    private void emit(String eventType, String entityId, List<String> changes) {
        SimEvent event = new SimEvent(UUID.randomUUID().toString(), eventType, entityId, changes, now());
        events.add(event);
        publisher.publish(event, subscriptions.values().stream().filter(s -> s.wants(eventType)).toList());
    }

    /** Microseconds: what the wire format carries, so a date read back from JSON compares equal to the stored one. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
