package org.hostr.jobs;

import static org.hostr.db.generated.Tables.JOBS;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.hostr.db.Database;
import org.hostr.db.RenderedQuery;
import static org.hostr.db.RenderedQuery.param;
import static org.hostr.db.RenderedQuery.stored;
import org.hostr.db.generated.tables.records.JobsRecord;
import org.jooq.BatchBindStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The only code that touches the jobs table. Every change of a claimed job is fenced by its lease: the row must
 * still be RUNNING, locked by the same worker, at the same attempt, so a worker whose lease ran out and was taken
 * over cannot overwrite the new holder's outcome.
 */
public final class JobRepository {
    // Rendered once (see RenderedQuery): every settlement enqueues two jobs and completes one.
    private static final RenderedQuery INSERT = RenderedQuery.of(d -> d.insertInto(JOBS)
            .set(JOBS.KIND, param(JOBS.KIND))
            .set(JOBS.PAYLOAD, param(JOBS.PAYLOAD))
            .set(JOBS.IDEMPOTENCY_KEY, param(JOBS.IDEMPOTENCY_KEY))
            .set(JOBS.STATUS, param(JOBS.STATUS))
            .set(JOBS.ATTEMPTS, param(JOBS.ATTEMPTS))
            .set(JOBS.MAX_ATTEMPTS, param(JOBS.MAX_ATTEMPTS))
            .set(JOBS.RUN_AT, param(JOBS.RUN_AT))
            .set(JOBS.CREATED_AT, param(JOBS.CREATED_AT))
            .set(JOBS.UPDATED_AT, param(JOBS.UPDATED_AT))
            // On PostgreSQL this waits for a concurrent insert of the same key to commit or roll back, so the
            // select after it sees the winner.
            .onConflict(JOBS.IDEMPOTENCY_KEY).doNothing());
    private static final RenderedQuery ID_BY_KEY = RenderedQuery.of(d -> d.select(JOBS.ID).from(JOBS)
            .where(JOBS.IDEMPOTENCY_KEY.eq(param(JOBS.IDEMPOTENCY_KEY))));
    private static final RenderedQuery COMPLETE = RenderedQuery.of(d -> d.update(JOBS)
            .set(JOBS.STATUS, param(JOBS.STATUS))
            .set(JOBS.LOCKED_BY, DSL.inline(null, JOBS.LOCKED_BY))
            .set(JOBS.LOCKED_UNTIL, DSL.inline(null, JOBS.LOCKED_UNTIL))
            .set(JOBS.FINISHED_AT, param(JOBS.FINISHED_AT))
            .set(JOBS.UPDATED_AT, param(JOBS.UPDATED_AT))
            .where(JOBS.ID.eq(param(JOBS.ID)), JOBS.STATUS.eq(param(JOBS.STATUS)),
                    JOBS.LOCKED_BY.eq(param(JOBS.LOCKED_BY)), JOBS.ATTEMPTS.eq(param(JOBS.ATTEMPTS))));

    private final DSLContext db;

    public JobRepository(DSLContext db) {
        this.db = db;
    }

    <T> T inTransaction(Function<DSLContext, T> work) {
        return Database.transaction(db, work);
    }

    /** Inserts the job unless its idempotency key exists; either way returns the id of the job with that key. */
    public long insertIfAbsent(DSLContext tx, NewJob job, Instant now) {
        insertIfNew(tx, job, now);
        // Not RETURNING: jOOQ reads SQLite's id through last_insert_rowid(), which after a skipped insert is the id
        // of the connection's previous insert, another job (see enqueueingAnExistingKeyReturnsThatJobEvenAfterOtherInserts).
        return ID_BY_KEY.fetchValue(tx, JOBS.ID, job.idempotencyKey()).orElseThrow();
    }


    /** Inserts the job unless its idempotency key exists; true when it went in now. */
    public boolean insertIfNew(DSLContext tx, NewJob job, Instant now) {
        return INSERT.execute(tx, job.kind(), JobPayloads.write(job.payload()), job.idempotencyKey(), JobStatus.QUEUED.name(),
                0L, (long) job.maxAttempts(), stored(JOBS.RUN_AT, job.runAt() == null ? now : job.runAt()),
                stored(JOBS.CREATED_AT, now), stored(JOBS.UPDATED_AT, now)) == 1;
    }

    /**
     * Expires now the leases of RUNNING jobs held by workers whose id starts with {@code workerPrefix} and that
     * {@code alive} says are not running, so the usual takeover of expired leases claims them; returns how many.
     */
    public int expireLeasesOf(String workerPrefix, java.util.function.Predicate<String> alive, Instant now) {
        List<String> workers = db.selectDistinct(JOBS.LOCKED_BY).from(JOBS)
                .where(JOBS.STATUS.eq(JobStatus.RUNNING.name()), JOBS.LOCKED_BY.startsWith(workerPrefix),
                        JOBS.LOCKED_UNTIL.gt(now))
                .fetch(JOBS.LOCKED_BY);
        int expired = 0;
        for (String worker : workers) {
            if (!alive.test(worker)) {
                expired += db.update(JOBS)
                        .set(JOBS.LOCKED_UNTIL, now)
                        .where(JOBS.STATUS.eq(JobStatus.RUNNING.name()), JOBS.LOCKED_BY.eq(worker), JOBS.LOCKED_UNTIL.gt(now))
                        .execute();
            }
        }
        return expired;
    }

    /**
     * Inserts the jobs whose idempotency keys do not exist yet, as one JDBC batch of one prepared statement; returns how
     * many went in.
     */
    public int insertAllIfAbsent(DSLContext tx, List<NewJob> jobs, Instant now) {
        var insert = tx.insertInto(JOBS, JOBS.KIND, JOBS.PAYLOAD, JOBS.IDEMPOTENCY_KEY, JOBS.STATUS, JOBS.ATTEMPTS,
                        JOBS.MAX_ATTEMPTS, JOBS.RUN_AT, JOBS.CREATED_AT, JOBS.UPDATED_AT)
                .values(Arrays.asList(bindValues(jobs.get(0), now)))
                .onConflict(JOBS.IDEMPOTENCY_KEY).doNothing();
        BatchBindStep batch = tx.batch(insert);
        for (NewJob job : jobs) {
            batch = batch.bind(bindValues(job, now));
        }
        int[] counts = batch.execute();
        if (Arrays.stream(counts).allMatch(n -> n >= 0)) {
            return Arrays.stream(counts).sum();
        }
        // The driver did not count per row (PostgreSQL with reWriteBatchedInserts): count the ones created just now.
        return tx.fetchCount(JOBS, JOBS.IDEMPOTENCY_KEY.in(jobs.stream().map(NewJob::idempotencyKey).toList()),
                JOBS.CREATED_AT.eq(now));
    }

    private static Object[] bindValues(NewJob job, Instant now) {
        return new Object[] {job.kind(), JobPayloads.write(job.payload()), job.idempotencyKey(), JobStatus.QUEUED.name(),
                0L, (long) job.maxAttempts(), job.runAt() == null ? now : job.runAt(), now, now};
    }

    /**
     * Takes up to {@code max} due jobs for {@code workerId} in one transaction: queued jobs whose time has come and
     * running jobs whose lease ran out (their worker died). PostgreSQL locks the rows with FOR UPDATE SKIP LOCKED so
     * instances claim disjoint sets; SQLite's transaction holds the database's single write lock from BEGIN
     * (IMMEDIATE), so claims there run one after another. A job whose lease ran out on its last attempt goes DEAD.
     */
    public List<Job> claim(String workerId, int max, Instant now, Duration lease) {
        return claim(workerId, max, now, lease, ClaimFilter.ALL);
    }

    /** As {@link #claim(String, int, Instant, Duration)}, only among the jobs {@code which} selects (by kind). */
    List<Job> claim(String workerId, int max, Instant now, Duration lease, ClaimFilter which) {
        // A plain read first: on SQLite every claim transaction takes the write lock, and most polls find nothing.
        if (max <= 0 || !anyClaimable(now, which)) {
            return List.of();
        }
        return inTransaction(tx -> {
            // Two index range scans instead of one OR: with the OR, PostgreSQL read and sorted every due job for each
            // claim, which made a deep queue slow to drain. Abandoned leases (a crashed worker) are few.
            List<JobsRecord> rows = new ArrayList<>(which.due.fetch(tx, JOBS, stored(JOBS.RUN_AT, now), max));
            if (rows.size() < max) {
                rows.addAll(which.abandoned.fetch(tx, JOBS, stored(JOBS.LOCKED_UNTIL, now), max - rows.size()));
            }
            List<Job> claimed = new ArrayList<>();
            List<Long> exhausted = new ArrayList<>();
            List<Long> superseded = new ArrayList<>();
            for (JobsRecord row : rows) {
                if (JobStatus.RUNNING.name().equals(row.getStatus()) && row.getAttempts() >= row.getMaxAttempts()) {
                    // A periodic run whose runners kept stopping is not a failure to report: its next slot runs anyway.
                    (row.getIdempotencyKey().startsWith(PeriodicTask.KEY_PREFIX) ? superseded : exhausted).add(row.getId());
                    continue;
                }
                row.setStatus(JobStatus.RUNNING.name());
                row.setLockedBy(workerId);
                row.setLockedUntil(now.plus(lease));
                row.setAttempts(row.getAttempts() + 1);
                row.setUpdatedAt(now);
                claimed.add(toJob(row));
            }
            endAbandoned(tx, superseded, JobStatus.CANCELLED, "the workers running it stopped before finishing "
                    + "(their leases ran out); the task's next slot runs it again", now);
            endAbandoned(tx, exhausted, JobStatus.DEAD,
                    "the worker running the last attempt stopped before finishing (its lease ran out)", now);
            if (!claimed.isEmpty()) {
                tx.update(JOBS)
                        .set(JOBS.STATUS, JobStatus.RUNNING.name())
                        .set(JOBS.LOCKED_BY, workerId)
                        .set(JOBS.LOCKED_UNTIL, now.plus(lease))
                        .set(JOBS.ATTEMPTS, JOBS.ATTEMPTS.plus(1))
                        .set(JOBS.UPDATED_AT, now)
                        .where(JOBS.ID.in(claimed.stream().map(Job::id).toList()))
                        .execute();
            }
            return claimed;
        });
    }

    /** Ends jobs whose last attempt's worker stopped mid-run, with the given final status and why. */
    private static void endAbandoned(DSLContext tx, List<Long> ids, JobStatus status, String why, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        tx.update(JOBS)
                .set(JOBS.STATUS, status.name())
                .set(JOBS.LAST_ERROR, why)
                .set(JOBS.LOCKED_BY, (String) null)
                .set(JOBS.LOCKED_UNTIL, (Instant) null)
                .set(JOBS.FINISHED_AT, now)
                .set(JOBS.UPDATED_AT, now)
                .where(JOBS.ID.in(ids))
                .execute();
    }

    /** Due queued jobs, then abandoned leases: two index lookups, as one OR could not use the (status, kind, run_at) index. */
    private boolean anyClaimable(Instant now, ClaimFilter which) {
        return which.anyDue.exists(db, stored(JOBS.RUN_AT, now)) || which.anyAbandoned.exists(db, stored(JOBS.LOCKED_UNTIL, now));
    }

    /** Moves the leases of jobs this worker still runs forward (a heartbeat for long jobs). */
    public int extendLeases(String workerId, Collection<Long> ids, Instant until, Instant now) {
        if (ids.isEmpty()) {
            return 0;
        }
        return db.update(JOBS).set(JOBS.LOCKED_UNTIL, until).set(JOBS.UPDATED_AT, now)
                .where(JOBS.ID.in(ids), JOBS.LOCKED_BY.eq(workerId), JOBS.STATUS.eq(JobStatus.RUNNING.name()))
                .execute();
    }

    /** @return false when the lease is no longer ours and nothing was written */
    public boolean complete(Job claimed, Instant now) {
        return complete(db, claimed, now);
    }

    /** As {@link #complete(Job, Instant)}, in the caller's transaction (a handler whose work ends in one). */
    public boolean complete(DSLContext ctx, Job claimed, Instant now) {
        return COMPLETE.execute(ctx, JobStatus.DONE.name(), stored(JOBS.FINISHED_AT, now), stored(JOBS.UPDATED_AT, now),
                claimed.id(), JobStatus.RUNNING.name(), claimed.lockedBy(), (long) claimed.attempts()) == 1;
    }

    /** Back to QUEUED for another attempt at {@code runAt}, keeping the error. */
    public boolean retryLater(Job claimed, Instant runAt, String error, Instant now) {
        return db.update(JOBS)
                .set(JOBS.STATUS, JobStatus.QUEUED.name())
                .set(JOBS.RUN_AT, runAt)
                .set(JOBS.LAST_ERROR, LastError.trim(error))
                .set(JOBS.LOCKED_BY, (String) null)
                .set(JOBS.LOCKED_UNTIL, (Instant) null)
                .set(JOBS.UPDATED_AT, now)
                .where(heldBy(claimed))
                .execute() == 1;
    }

    /** Back to QUEUED at {@code runAt} with the attempt given back: the handler asked to look again later. */
    public boolean reschedule(Job claimed, Instant runAt, Instant now) {
        return db.update(JOBS)
                .set(JOBS.STATUS, JobStatus.QUEUED.name())
                .set(JOBS.RUN_AT, runAt)
                .set(JOBS.ATTEMPTS, JOBS.ATTEMPTS.minus(1))
                .set(JOBS.LOCKED_BY, (String) null)
                .set(JOBS.LOCKED_UNTIL, (Instant) null)
                .set(JOBS.UPDATED_AT, now)
                .where(heldBy(claimed))
                .execute() == 1;
    }

    public boolean dead(Job claimed, String error, Instant now) {
        return db.update(JOBS)
                .set(JOBS.STATUS, JobStatus.DEAD.name())
                .set(JOBS.LAST_ERROR, LastError.trim(error))
                .set(JOBS.LOCKED_BY, (String) null)
                .set(JOBS.LOCKED_UNTIL, (Instant) null)
                .set(JOBS.FINISHED_AT, now)
                .set(JOBS.UPDATED_AT, now)
                .where(heldBy(claimed))
                .execute() == 1;
    }

    private static Condition heldBy(Job claimed) {
        return JOBS.ID.eq(claimed.id())
                .and(JOBS.STATUS.eq(JobStatus.RUNNING.name()))
                .and(JOBS.LOCKED_BY.eq(claimed.lockedBy()))
                .and(JOBS.ATTEMPTS.eq((long) claimed.attempts()));
    }

    /** Admin: DEAD or CANCELLED → QUEUED now with the attempts reset; the last error stays until the next outcome. */
    public int retry(long id, Instant now) {
        return db.update(JOBS)
                .set(JOBS.STATUS, JobStatus.QUEUED.name())
                .set(JOBS.ATTEMPTS, 0L)
                .set(JOBS.RUN_AT, now)
                .set(JOBS.FINISHED_AT, (Instant) null)
                .set(JOBS.UPDATED_AT, now)
                .where(JOBS.ID.eq(id), JOBS.STATUS.in(JobStatus.DEAD.name(), JobStatus.CANCELLED.name()))
                .execute();
    }

    /** Admin: QUEUED or DEAD → CANCELLED. A RUNNING job is left alone: its worker holds it. */
    public int cancel(long id, Instant now) {
        return db.update(JOBS)
                .set(JOBS.STATUS, JobStatus.CANCELLED.name())
                .set(JOBS.FINISHED_AT, now)
                .set(JOBS.UPDATED_AT, now)
                .where(JOBS.ID.eq(id), JOBS.STATUS.in(JobStatus.QUEUED.name(), JobStatus.DEAD.name()))
                .execute();
    }

    public Optional<Job> find(long id) {
        return db.selectFrom(JOBS).where(JOBS.ID.eq(id)).fetchOptional(JobRepository::toJob);
    }

    public java.util.Set<String> existingKeys(Collection<String> idempotencyKeys) {
        return db.select(JOBS.IDEMPOTENCY_KEY).from(JOBS).where(JOBS.IDEMPOTENCY_KEY.in(idempotencyKeys))
                .fetchSet(JOBS.IDEMPOTENCY_KEY);
    }

    public Optional<Job> findByKey(String idempotencyKey) {
        return db.selectFrom(JOBS).where(JOBS.IDEMPOTENCY_KEY.eq(idempotencyKey)).fetchOptional(JobRepository::toJob);
    }

    /** Newest first. */
    public List<Job> list(JobFilter filter, int offset, int limit) {
        return db.selectFrom(JOBS).where(matching(filter)).orderBy(JOBS.ID.desc()).limit(limit).offset(offset)
                .fetch(JobRepository::toJob);
    }

    public long count(JobFilter filter) {
        return db.fetchCount(JOBS, matching(filter));
    }

    /** Every status, with 0 for those that have no jobs. */
    public Map<JobStatus, Long> countsByStatus() {
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            counts.put(status, 0L);
        }
        db.select(JOBS.STATUS, DSL.count()).from(JOBS).groupBy(JOBS.STATUS)
                .forEach(row -> counts.put(JobStatus.valueOf(row.value1()), row.value2().longValue()));
        return counts;
    }

    private static Condition matching(JobFilter filter) {
        Condition condition = DSL.noCondition();
        if (filter.status() != null) {
            condition = condition.and(JOBS.STATUS.eq(filter.status().name()));
        }
        if (filter.kind() != null) {
            condition = condition.and(JOBS.KIND.eq(filter.kind()));
        }
        return condition;
    }

    boolean keyExists(DSLContext tx, String idempotencyKey) {
        return tx.fetchExists(JOBS, JOBS.IDEMPOTENCY_KEY.eq(idempotencyKey));
    }

    /** True while a job of this kind waits or runs. */
    boolean activeOfKind(DSLContext tx, String kind) {
        return tx.fetchExists(JOBS, JOBS.KIND.eq(kind), JOBS.STATUS.in(JobStatus.QUEUED.name(), JobStatus.RUNNING.name()));
    }

    /** Deletes finished jobs whose key starts with {@code keyPrefix}, in the given statuses, finished before {@code before}. */
    int deleteFinished(String keyPrefix, Collection<JobStatus> statuses, Instant before) {
        return db.deleteFrom(JOBS)
                .where(JOBS.IDEMPOTENCY_KEY.startsWith(keyPrefix),
                        JOBS.STATUS.in(statuses.stream().map(JobStatus::name).toList()),
                        JOBS.FINISHED_AT.lt(before))
                .execute();
    }

    static Job toJob(JobsRecord r) {
        return new Job(r.getId(), r.getKind(), JobPayloads.read(r.getPayload()), r.getIdempotencyKey(),
                JobStatus.valueOf(r.getStatus()), Math.toIntExact(r.getAttempts()), Math.toIntExact(r.getMaxAttempts()),
                r.getRunAt(), r.getLockedBy(), r.getLockedUntil(), r.getLastError(), r.getCreatedAt(), r.getUpdatedAt(),
                r.getFinishedAt());
    }
}
