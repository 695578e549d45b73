package org.hostr.payments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hostr.db.Database;
import org.hostr.jobs.Job;
import org.hostr.jobs.JobHandler;
import org.hostr.payments.strike.StrikeClient;
import org.hostr.payments.strike.StrikeInvoice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every strike.reconcile_seconds, asks Strike about our open payments (40 to a call) and settles what is paid, so a lost webhook
 * costs at most one interval. Each run first reads Strike's event list from where the last run stopped (after a start:
 * from shortly before the newest stored webhook), so events of the downtime are stored and acted on as if delivered.
 */
public final class StrikeReconciler implements JobHandler {
    public static final String KIND = "strike-reconcile";
    private static final Logger log = LoggerFactory.getLogger(StrikeReconciler.class);
    /** Payments untouched for longer than this are abandoned checkouts, not worth a call every interval. */
    static final Duration LOOK_BACK = Duration.ofDays(14);
    static final int BATCH = 500;

    private final Database database;
    private final SettlementService settlement;
    private final Clock clock;
    private final StrikeClient strike;
    private final PaymentRepository payments = new PaymentRepository();

    private final StrikeEventCatchUp catchUp;

    public StrikeReconciler(Database database, SettlementService settlement, StrikeClient strike,
                            WebhookEventRepository events, Clock clock) {
        this.database = database;
        this.settlement = settlement;
        this.clock = clock;
        this.strike = strike;
        this.catchUp = new StrikeEventCatchUp(strike, events, settlement, clock, LOOK_BACK);
    }

    @Override
    public void handle(Job job) {
        try {
            catchUp.run();
        } catch (RuntimeException e) {
            // The open payments below are still checked one by one; the event list is read again next run.
            log.warn("reconciler: Strike's event list could not be read: {}", e.getMessage());
        }
        List<String> open = payments.openProviderInvoiceIds(database.dsl(), clock.instant().minus(LOOK_BACK), BATCH);
        int settled = 0;
        int failed = 0;
        // Read in list calls of 40 (StrikeClient.getInvoices): 500 open payments are 13 calls a run, not 500, which
        // keeps the reconciler far inside Strike's 1,000 reads in 10 minutes.
        for (int from = 0; from < open.size(); from += StrikeClient.IDS_PER_LIST) {
            List<String> chunk = open.subList(from, Math.min(open.size(), from + StrikeClient.IDS_PER_LIST));
            Instant asked = clock.instant();
            Map<String, StrikeInvoice> current;
            try {
                current = strike.getInvoices(chunk);
            } catch (RuntimeException e) {
                failed += chunk.size();
                log.warn("reconciler: {} strike invoices could not be read: {}", chunk.size(), e.getMessage());
                continue;
            }
            for (String id : chunk) {
                StrikeInvoice invoice = current.get(id);
                if (invoice == null) {
                    failed++;
                    log.warn("reconciler: Strike does not know strike invoice {}", id);
                    continue;
                }
                try {
                    if (settlement.settle(invoice, asked) == Settlement.SETTLED) {
                        settled++;
                    }
                } catch (RuntimeException e) {
                    failed++;
                    log.warn("reconciler: strike invoice {} could not be settled: {}", id, e.getMessage());
                }
            }
        }
        if (settled > 0 || failed > 0) {
            log.info("reconciler: {} open payments checked, {} settled, {} could not be checked", open.size(), settled, failed);
        }
    }
}
