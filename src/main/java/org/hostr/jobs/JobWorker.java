package org.hostr.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims jobs under one worker id and runs each through its handler, then records the outcome under the same lease.
 * {@link JobRunner} drives it from threads; tests call {@link #runDue(int)} directly.
 */
final class JobWorker {
    private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

    private final JobRepository repository;
    private final Map<String, JobHandler> handlers;
    private final Clock clock;
    private final String workerId;
    private final Duration lease;
    private final RetryPolicy retry;
    private final DoubleSupplier random;

    JobWorker(JobRepository repository, Map<String, JobHandler> handlers, Clock clock, String workerId, Duration lease,
              RetryPolicy retry, DoubleSupplier random) {
        this.repository = repository;
        this.handlers = Map.copyOf(handlers);
        this.clock = clock;
        this.workerId = workerId;
        this.lease = lease;
        this.retry = retry;
        this.random = random;
    }

    String workerId() {
        return workerId;
    }

    Duration lease() {
        return lease;
    }

    List<Job> claim(int max) {
        return repository.claim(workerId, max, clock.instant(), lease);
    }

    /** Claims up to {@code max} due jobs and runs them one after another in this thread; returns how many ran. */
    int runDue(int max) {
        List<Job> jobs = claim(max);
        jobs.forEach(this::run);
        return jobs.size();
    }

    /**
     * Runs one claimed job and records what happened. If the database fails while recording, the job stays RUNNING
     * until its lease runs out and then runs again: delivery is at least once.
     */
    void run(Job job) {
        JobHandler handler = handlers.get(job.kind());
        if (handler == null) {
            record(job, "dead", repository.dead(job, "no handler for job kind '" + job.kind()
                    + "' in this build of Hostr (retry it after deploying one that has it)", clock.instant()));
            log.warn("job {} ({}) is DEAD: no handler for this kind", job.id(), job.kind());
            return;
        }
        try {
            handler.handle(job);
            record(job, "done", repository.complete(job, clock.instant()));
            log.debug("job {} ({}) done after {} attempt(s)", job.id(), job.kind(), job.attempts());
        } catch (RescheduleJobException later) {
            record(job, "reschedule", repository.reschedule(job, later.runAt(), clock.instant()));
            log.debug("job {} ({}) runs again at {}: {}", job.id(), job.kind(), later.runAt(), later.getMessage());
        } catch (Exception | LinkageError | AssertionError failure) {
            if (failure instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            fail(job, failure);
        }
    }

    private void fail(Job job, Throwable failure) {
        String error = LastError.describe(failure);
        Instant now = clock.instant();
        if (failure instanceof PermanentJobException || job.attempts() >= job.maxAttempts()) {
            record(job, "dead", repository.dead(job, error, now));
            log.warn("job {} ({}) is DEAD after {} attempt(s): {}", job.id(), job.kind(), job.attempts(), error);
            return;
        }
        Duration delay = failure instanceof RetryableJobException r && r.retryAfter().isPresent()
                ? r.retryAfter().get()
                : retry.delayAfter(job.attempts(), random.getAsDouble());
        record(job, "retry", repository.retryLater(job, now.plus(delay), error, now));
        log.info("job {} ({}) failed attempt {} of {}, next in {}s: {}", job.id(), job.kind(), job.attempts(),
                job.maxAttempts(), delay.toSeconds(), error);
    }

    private void record(Job job, String outcome, boolean written) {
        if (!written) {
            // Our lease ran out and another worker took the job over (or an admin acted): its outcome stands.
            log.warn("job {} ({}) outcome '{}' not recorded: worker {} no longer holds its lease",
                    job.id(), job.kind(), outcome, workerId);
        }
    }
}
