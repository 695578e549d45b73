package org.hostr.notify;

import org.hostr.db.Database;
import org.hostr.jobs.Job;
import org.hostr.jobs.JobHandler;
import org.hostr.jobs.PermanentJobException;
import org.hostr.jobs.RescheduleJobException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps provisioning's job handlers so that admins hear when one gives up: the job is about to go DEAD and a
 * customer's account waits for a person. The test is the job queue's own (a permanent failure, or the last attempt
 * failing); the handler's failure is passed on unchanged either way.
 */
final class DeadJobNotices {
    private static final Logger log = LoggerFactory.getLogger(DeadJobNotices.class);

    private final Database database;
    private final NoticeService notices;
    private final NoticeTexts texts;

    DeadJobNotices(Database database, NoticeService notices, NoticeTexts texts) {
        this.database = database;
        this.notices = notices;
        this.texts = texts;
    }

    JobHandler watch(JobHandler handler) {
        return job -> {
            try {
                handler.handle(job);
            } catch (RescheduleJobException later) {
                throw later;
            } catch (Exception failure) {
                if (failure instanceof PermanentJobException || job.attempts() >= job.maxAttempts()) {
                    tellAdmins(job, failure);
                }
                throw failure;
            }
        };
    }

    /** Apart from the job's own outcome: a notice that cannot be recorded must not change what happens to the job. */
    private void tellAdmins(Job job, Exception failure) {
        try {
            long serviceId = job.payload().path("service_id").asLong(0);
            long claimedAt = job.updatedAt() == null ? 0 : job.updatedAt().toEpochMilli();
            NoticeDraft draft = texts.provisioningFailed(job.id(), job.kind(), serviceId, job.attempts(),
                    failure.getMessage() == null ? failure.toString() : failure.getMessage(), claimedAt);
            database.transactionRun(tx -> notices.toAdmins(tx, draft));
        } catch (RuntimeException e) {
            log.warn("job {} ({}) gave up, and its admin notice could not be recorded: {}", job.id(), job.kind(),
                    e.toString());
        }
    }
}
