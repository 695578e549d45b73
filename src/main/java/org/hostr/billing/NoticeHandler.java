package org.hostr.billing;

import java.time.Clock;
import org.hostr.audit.AuditLog;
import org.hostr.db.Database;
import org.hostr.jobs.Job;
import org.hostr.jobs.JobHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a customer notice (a renewal reminder). No messaging exists yet, so "sending" is an audit_log line
 * {@code notice.sent}; a later issue replaces this handler with Nostr DMs (notify/). The job's idempotency key
 * ({@link BillingRules.ReminderSlot#idempotencyKey}) makes each reminder one job; delivery is at least once, so a
 * crash between the audit line and the job's DONE can log one notice twice.
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
