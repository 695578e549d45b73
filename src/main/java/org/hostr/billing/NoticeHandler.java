package org.hostr.billing;

import java.time.Clock;
import org.hostr.audit.AuditLog;
import org.hostr.db.Database;
import org.hostr.jobs.Job;
import org.hostr.jobs.JobHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job kind {@value #KIND} the renewal sweep queues per reminder slot, and a stand-in handler for it that only writes
 * an audit_log line {@code notice.sent}: billing's own tests run the sweep with it. The application registers notify's
 * handler for this kind instead, which turns each reminder into a Nostr notice under the job's idempotency key
 * ({@link BillingRules.ReminderSlot#idempotencyKey}), so a reminder is one notice however often its job runs.
 */
public final class NoticeHandler implements JobHandler {
    public static final String KIND = "notice";
    private static final Logger log = LoggerFactory.getLogger(NoticeHandler.class);

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;

    public NoticeHandler(Database database, AuditLog audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void handle(Job job) {
        long serviceId = job.longField("service_id");
        String text = job.textField("text");
        database.transactionRun(tx -> audit.record(tx, AuditLog.SYSTEM, "notice.sent", "service:" + serviceId,
                text + " (" + job.idempotencyKey() + ")", clock.instant()));
        log.info("notice for service {}: {}", serviceId, text);
    }
}
