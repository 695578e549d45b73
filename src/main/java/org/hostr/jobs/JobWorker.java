package org.hostr.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims jobs under one worker id and runs each through its handler, then records the outcome under the same lease.
 * {@link JobRunner} drives it from threads; tests call {@link #runDue(int)} directly.
 */
final class JobWorker {
    private static final Logger log = LoggerFactory.getLogger(JobWorker.class);
    /** How long an outcome the database refused is tried again: longer than a database server takes to restart. */
    static final Duration OUTCOME_RETRY_FOR = Duration.ofSeconds(30);
    private static final long OUTCOME_RETRY_PAUSE_MILLIS = 500;

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

    List<Job> claim(int max, ClaimFilter which) {
        return repository.claim(workerId, max, clock.instant(), lease, which);
    }

    /** Claims up to {@code max} due jobs and runs them one after another in this thread; returns how many ran. */
    int runDue(int max) {
        List<Job> jobs = claim(max);
        jobs.forEach(this::run);
        return jobs.size();
    }

    /**
     * Runs one claimed job and records what happened. If the database fails while recording, the write is tried again
     * for {@link #OUTCOME_RETRY_FOR}; if it still fails, the job stays RUNNING until its lease runs out and then runs
     * again: delivery is at least once.
     */
    void run(Job job) {
        JobHandler handler = handlers.get(job.kind());
        if (handler == null) {
            record(job, "dead", write(job, () -> repository.dead(job, "no handler for job kind '" + job.kind()
                    + "' in this build of Hostr (retry it after deploying one that has it)", clock.instant())));
            log.warn("job {} ({}) is DEAD: no handler for this kind", job.id(), job.kind());
            return;
        }
        try {
            boolean doneAlready = handler.handle(job, tx -> repository.complete(tx, job, clock.instant()));
            if (!doneAlready) {
                record(job, "done", write(job, () -> repository.complete(job, clock.instant())));
            }
            log.debug("job {} ({}) done after {} attempt(s)", job.id(), job.kind(), job.attempts());
        } catch (RescheduleJobException later) {
            record(job, "reschedule", write(job, () -> repository.reschedule(job, later.runAt(), clock.instant())));
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
            record(job, "dead", write(job, () -> repository.dead(job, error, now)));
            log.warn("job {} ({}) is DEAD after {} attempt(s): {}", job.id(), job.kind(), job.attempts(), error);
            return;
        }
        Duration delay = failure instanceof RetryableJobException r && r.retryAfter().isPresent()
                ? r.retryAfter().get()
                : retry.delayAfter(job.attempts(), random.getAsDouble());
        record(job, "retry", write(job, () -> repository.retryLater(job, now.plus(delay), error, now)));
        log.info("job {} ({}) failed attempt {} of {}, next in {}s: {}", job.id(), job.kind(), job.attempts(),
                job.maxAttempts(), delay.toSeconds(), error);
    }

    /**
     * A restart of the database server fails the statements in flight and, for a few seconds, every new one. An
     * outcome given up at the first failure leaves its job RUNNING until the lease runs out (minutes), and a periodic
     * task's next runs wait as long: in bench/drills.sh db-restart the reconciler stood still for five minutes after a
     * PostgreSQL restart. Trying the write again is safe: each is guarded by the lease and the attempt count, so one
     * that landed before its answer was lost changes nothing the second time.
     */
    private static boolean write(Job job, BooleanSupplier outcome) {
        long until = System.nanoTime() + OUTCOME_RETRY_FOR.toNanos();
        while (true) {
            try {
                return outcome.getAsBoolean();
            } catch (DataAccessException e) {
                if (System.nanoTime() > until) {
                    throw e;
                }
                log.debug("job {} ({}): outcome not written, trying again: {}", job.id(), job.kind(),
                        LastError.describe(e));
                try {
                    Thread.sleep(OUTCOME_RETRY_PAUSE_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void record(Job job, String outcome, boolean written) {
        if (!written) {
            // Our lease ran out and another worker took the job over (or an admin acted): its outcome stands.
            log.warn("job {} ({}) outcome '{}' not recorded: worker {} no longer holds its lease",
                    job.id(), job.kind(), outcome, workerId);
        }
    }
}
