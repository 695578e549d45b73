package org.hostr.payments;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.hostr.db.Database;
import org.hostr.jobs.Job;
import org.hostr.jobs.JobHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every strike.reconcile_seconds, asks Strike about our open payments and settles what is paid, so a lost webhook
 * costs at most one interval. Its first run after a start catches up on whatever happened while Hostr was down.
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
    private final PaymentRepository payments = new PaymentRepository();

    public StrikeReconciler(Database database, SettlementService settlement, Clock clock) {
        this.database = database;
        this.settlement = settlement;
        this.clock = clock;
    }

    @Override
    public void handle(Job job) {
        List<String> open = payments.openProviderInvoiceIds(database.dsl(), clock.instant().minus(LOOK_BACK), BATCH);
        int settled = 0;
        int failed = 0;
        for (String id : open) {
            try {
                if (settlement.settle(id) == Settlement.SETTLED) {
                    settled++;
                }
            } catch (RuntimeException e) {
                failed++;
                log.warn("reconciler: strike invoice {} could not be checked: {}", id, e.getMessage());
            }
        }
        if (settled > 0 || failed > 0) {
            log.info("reconciler: {} open payments checked, {} settled, {} could not be checked", open.size(), settled, failed);
        }
    }
}
