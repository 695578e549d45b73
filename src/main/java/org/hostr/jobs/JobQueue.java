package org.hostr.jobs;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job queue as the rest of Hostr sees it: enqueue work (inside the caller's transaction when it must be
 * atomic with a business change, e.g. "invoice PAID + provision"), and the admin's view: list, retry, cancel.
 */
public final class JobQueue {
    private static final Logger log = LoggerFactory.getLogger(JobQueue.class);

    private final JobRepository repository;
    private final Clock clock;
    private final List<Runnable> wakeUps = new CopyOnWriteArrayList<>();

    public JobQueue(JobRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * Enqueues in the caller's transaction: the job exists exactly when that transaction commits. An existing job
     * with the same idempotency key is returned as it is, whatever its status.
     *
     * @return the id of the job with this key
     */
    public long enqueue(DSLContext tx, NewJob job) {
        long id = repository.insertIfAbsent(tx, job, clock.instant());
        log.debug("job {} ({}) queued under key {}", id, job.kind(), job.idempotencyKey());
        // Best effort: the caller's transaction may not have committed yet; a runner that finds nothing now
        // finds the job at its next poll.
        wakeRunners();
        return id;
    }

    /**
     * As {@link #enqueue(DSLContext, NewJob)} for callers that need no id: one statement fewer. True when the job went
     * in now, false when a job with its idempotency key was there already.
     */
    public boolean add(DSLContext tx, NewJob job) {
        boolean added = repository.insertIfNew(tx, job, clock.instant());
        log.debug("job {} {} under key {}", job.kind(), added ? "queued" : "already there", job.idempotencyKey());
        wakeRunners();
        return added;
    }

    /**
     * Enqueues many jobs in the caller's transaction as one batch; those whose idempotency key exists already are
     * left as they are, whatever their status.
     *
     * @return how many were new
     */
    public int enqueueAll(DSLContext tx, List<NewJob> jobs) {
        if (jobs.isEmpty()) {
            return 0;
        }
        int inserted = repository.insertAllIfAbsent(tx, jobs, clock.instant());
        log.debug("{} of {} jobs queued", inserted, jobs.size());
        wakeRunners();
        return inserted;
    }

    /** @param payload a Map, a record or a JsonNode; @param runAt null for now */
    public long enqueue(DSLContext tx, String kind, String idempotencyKey, Object payload, Instant runAt) {
        return enqueue(tx, NewJob.of(kind, idempotencyKey, payload).runAt(runAt));
    }

    /** Enqueues in a transaction of its own, to run now. */
    public long enqueue(String kind, String idempotencyKey, Object payload) {
        return enqueue(NewJob.of(kind, idempotencyKey, payload));
    }

    /** Enqueues in a transaction of its own. */
    public long enqueue(NewJob job) {
        long id = repository.inTransaction(tx -> repository.insertIfAbsent(tx, job, clock.instant()));
        log.debug("job {} ({}) queued under key {}", id, job.kind(), job.idempotencyKey());
        wakeRunners();
        return id;
    }

    public Job get(long id) {
        return repository.find(id).orElseThrow(() -> new JobNotFoundException(id));
    }

    public java.util.Optional<Job> findByKey(String idempotencyKey) {
        return repository.findByKey(idempotencyKey);
    }

    /** Which of these idempotency keys have a job already (whatever its status): one query for a page of them. */
    public java.util.Set<String> existingKeys(java.util.Collection<String> idempotencyKeys) {
        return idempotencyKeys.isEmpty() ? java.util.Set.of() : repository.existingKeys(idempotencyKeys);
    }

    /** Newest first; pages count from 1. */
    public JobPage list(JobFilter filter, int page, int pageSize) {
        int size = Math.max(1, Math.min(pageSize, 500));
        int number = Math.max(1, page);
        return new JobPage(repository.list(filter, (number - 1) * size, size), number, size, repository.count(filter));
    }

    public Map<JobStatus, Long> countsByStatus() {
        return repository.countsByStatus();
    }

    /** Admin: runs a DEAD or CANCELLED job again now, with a fresh set of attempts. */
    public Job retry(long id) {
        if (repository.retry(id, clock.instant()) == 0) {
            Job job = get(id);
            throw new JobStateException(id, job.status(), "only DEAD or CANCELLED jobs can be retried");
        }
        log.info("job {} queued again by an admin", id);
        wakeRunners();
        return get(id);
    }

    /** Admin: stops a QUEUED (or waiting-to-retry) or DEAD job; a RUNNING job is refused, its worker holds it. */
    public Job cancel(long id) {
        if (repository.cancel(id, clock.instant()) == 0) {
            Job job = get(id);
            throw new JobStateException(id, job.status(), job.status() == JobStatus.RUNNING
                    ? "a worker is running it; wait for it to finish or fail, then cancel"
                    : "only QUEUED or DEAD jobs can be cancelled");
        }
        log.info("job {} cancelled by an admin", id);
        return get(id);
    }

    JobRepository repository() {
        return repository;
    }

    Clock clock() {
        return clock;
    }

    /** Runners in this process ask to be woken when a job is enqueued here, instead of waiting for their next poll. */
    void onEnqueue(Runnable wakeUp) {
        wakeUps.add(wakeUp);
    }

    void removeWakeUp(Runnable wakeUp) {
        wakeUps.remove(wakeUp);
    }

    private void wakeRunners() {
        wakeUps.forEach(Runnable::run);
    }
}
