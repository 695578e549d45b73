package org.hostr.payments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hostr.payments.strike.StrikeClient;
import org.hostr.payments.strike.StrikeEvent;
import org.hostr.payments.strike.StrikeInvoice;
import org.hostr.payments.strike.StrikeWebhookEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Strike's event list ({@code GET /v1/events}) from where this process last looked, so webhooks that never
 * arrived (Hostr down, a proxy dropping them) are acted on anyway: each invoice event is stored once by its id, exactly
 * as if it had been delivered, and the invoices they name are read from Strike 40 to a call and settled. After a restart the cursor starts a little before
 * the newest stored event, which covers the downtime; event ids make the overlap harmless.
 */
final class StrikeEventCatchUp {
    private static final Logger log = LoggerFactory.getLogger(StrikeEventCatchUp.class);
    /** Strike's clock and ours may differ; starting this far back costs only duplicates, which are skipped by id. */
    static final Duration SLACK = Duration.ofMinutes(10);
    static final int PAGE = 100;
    /** At most this many pages per run: a long outage is caught up over a few runs, not in one long job. */
    static final int MAX_PAGES = 10;

    private final StrikeClient strike;
    private final WebhookEventRepository events;
    private final SettlementService settlement;
    private final Clock clock;
    private final Duration firstLookBack;
    private volatile Instant cursor;

    StrikeEventCatchUp(StrikeClient strike, WebhookEventRepository events, SettlementService settlement, Clock clock,
                       Duration firstLookBack) {
        this.strike = strike;
        this.events = events;
        this.settlement = settlement;
        this.clock = clock;
        this.firstLookBack = firstLookBack;
    }

    /**
     * Reads the events since the cursor and acts on new ones.
     *
     * @return how many events were new to us
     * @throws org.hostr.payments.strike.StrikeException when Strike cannot be asked; the cursor stays where it was
     */
    int run() {
        Instant since = cursor != null ? cursor : startingPoint();
        int fresh = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            List<StrikeEvent> batch = strike.listEvents(since, PAGE);
            Set<String> toSettle = new LinkedHashSet<>();
            for (StrikeEvent event : batch) {
                if (store(event)) {
                    fresh++;
                }
                if (needsSettling(event)) {
                    toSettle.add(event.entityId());
                }
            }
            settle(List.copyOf(toSettle));
            Instant last = batch.isEmpty() ? since : batch.get(batch.size() - 1).created();
            boolean full = batch.size() == PAGE;
            // "created ge since": a full page whose events all share one timestamp would come back forever
            if (!full || last == null || !last.isAfter(since)) {
                since = last == null ? since : last;
                break;
            }
            since = last;
        }
        cursor = since;
        if (fresh > 0) {
            log.info("strike events: {} not delivered as webhooks were acted on", fresh);
        }
        return fresh;
    }

    private Instant startingPoint() {
        Instant now = clock.instant();
        return events.lastReceivedAt().map(t -> t.minus(SLACK)).filter(t -> t.isAfter(now.minus(firstLookBack)))
                .orElse(now.minus(firstLookBack));
    }

    private static boolean isInvoiceEvent(StrikeEvent event) {
        return event.id() != null && event.eventType() != null && event.entityId() != null
                && event.eventType().startsWith("invoice.");
    }

    /** Stores an invoice event as if it had been delivered; true when it was new. */
    private boolean store(StrikeEvent event) {
        return isInvoiceEvent(event) && events.store(new StrikeWebhookEvent(event.id(), event.eventType(),
                event.webhookVersion(), event.entityId(), event.changes(), event.created()), clock.instant());
    }

    /** New, or stored before but never acted on (a crash, or Strike down at the last try); settling marks it processed. */
    private boolean needsSettling(StrikeEvent event) {
        return isInvoiceEvent(event) && !events.processed(event.id());
    }

    /**
     * Reads the invoices 40 to a call and records each. An id Strike left out of a list is settled the usual way,
     * which ignores invoices not ours and asks Strike once more about ours.
     */
    private void settle(List<String> invoiceIds) {
        for (int from = 0; from < invoiceIds.size(); from += StrikeClient.IDS_PER_LIST) {
            List<String> chunk = invoiceIds.subList(from, Math.min(invoiceIds.size(), from + StrikeClient.IDS_PER_LIST));
            Instant asked = clock.instant();
            Map<String, StrikeInvoice> current = strike.getInvoices(chunk);
            for (String id : chunk) {
                StrikeInvoice invoice = current.get(id);
                if (invoice == null) {
                    settlement.settle(id);
                } else {
                    settlement.settle(invoice, asked);
                }
            }
        }
    }
}
