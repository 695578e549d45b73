package org.hostr.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.hostr.testing.TestDatabases.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobWorkerTest {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aJobRunsOnceAndIsDone(Kind kind) {
        try (JobsFixture f = JobsFixture.open(kind)) {
            AtomicInteger runs = new AtomicInteger();
            long id = f.queue.enqueue("provision", "provision:service:42", Map.of("service_id", 42));
            JobWorker worker = f.worker("w1", Map.of("provision", job -> runs.incrementAndGet()));

            assertThat(worker.runDue(10)).isEqualTo(1);
            assertThat(worker.runDue(10)).isZero();

            Job job = f.queue.get(id);
            assertThat(runs).hasValue(1);
            assertThat(job.status()).isEqualTo(JobStatus.DONE);
            assertThat(job.attempts()).isEqualTo(1);
            assertThat(job.finishedAt()).isNotNull();
            assertThat(job.lockedBy()).isNull();
        }
    }

    /** A handler that marks its job DONE in its own transaction, with the work that transaction does. */
    private static JobHandler doneInItsTransaction(JobsFixture f, String note, boolean failAfter) {
        return new JobHandler() {
            @Override
            public void handle(Job job) {
                throw new AssertionError("the worker must offer the transactional variant");
            }

            @Override
            public boolean handle(Job job, DoneInTransaction done) {
                return f.db.transaction(tx -> {
                    boolean marked = done.markDone(tx);
                    tx.insertInto(org.hostr.db.generated.Tables.AUDIT_LOG)
                            .set(org.hostr.db.generated.Tables.AUDIT_LOG.ACTOR, "test")
                            .set(org.hostr.db.generated.Tables.AUDIT_LOG.ACTION, note)
                            .set(org.hostr.db.generated.Tables.AUDIT_LOG.SUBJECT, "job:" + job.id())
                            .set(org.hostr.db.generated.Tables.AUDIT_LOG.AT, f.clock.instant())
                            .execute();
                    if (failAfter) {
                        throw new IllegalStateException("the work failed after marking the job done");
                    }
                    return marked;
                });
            }
        };
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aHandlerMarksItsJobDoneInItsOwnTransactionAndTheWorkerWritesNothingMore(Kind kind) {
        try (JobsFixture f = JobsFixture.open(kind)) {
            long id = f.queue.enqueue("settle", "settle:1", Map.of());
            JobWorker worker = f.worker("w1", Map.of("settle", doneInItsTransaction(f, "settled", false)));

            assertThat(worker.runDue(10)).isEqualTo(1);

            Job job = f.queue.get(id);
            assertThat(job.status()).isEqualTo(JobStatus.DONE);
            assertThat(job.lockedBy()).isNull();
            assertThat(job.finishedAt()).isNotNull();
            assertThat(f.db.dsl().fetchCount(org.hostr.db.generated.Tables.AUDIT_LOG)).isEqualTo(1);
            assertThat(worker.runDue(10)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void whenThatTransactionRollsBackTheJobIsRetriedNotDone(Kind kind) {
        try (JobsFixture f = JobsFixture.open(kind)) {
            long id = f.queue.enqueue("settle", "settle:1", Map.of());
            JobWorker worker = f.worker("w1", Map.of("settle", doneInItsTransaction(f, "settled", true)));

            assertThat(worker.runDue(10)).isEqualTo(1);

            Job job = f.queue.get(id);
            assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(job.lastError()).contains("the work failed after marking the job done");
            assertThat(f.db.dsl().fetchCount(org.hostr.db.generated.Tables.AUDIT_LOG)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aJobIsNotClaimedBeforeItsTime(Kind kind) {
        try (JobsFixture f = JobsFixture.open(kind)) {
            Instant later = f.clock.instant().plus(Duration.ofMinutes(10));
            f.db.transactionRun(tx -> f.queue.enqueue(tx, "notify", "notify:later", Map.of(), later));
            JobWorker worker = f.worker("w1", Map.of("notify", job -> { }));

            assertThat(worker.runDue(10)).isZero();
            f.advanceTo(later);
            assertThat(worker.runDue(10)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aFailingJobIsRetriedWithGrowingDelaysThenDeadWithItsLastError(Kind kind) {
        try (JobsFixture f = JobsFixture.open(kind)) {
            long id = f.queue.enqueue(NewJob.of("provision", "provision:service:5", Map.of()).maxAttempts(4));
            AtomicInteger runs = new AtomicInteger();
            JobWorker worker = f.worker("w1", Map.of("provision", job -> {
                throw new IOException("WHM at s1 timed out (attempt " + runs.incrementAndGet() + ")");
            }));
            List<Duration> delays = new ArrayList<>();

            for (int attempt = 1; attempt <= 3; attempt++) {
                assertThat(worker.runDue(1)).isEqualTo(1);
                Job waiting = f.queue.get(id);
                assertThat(waiting.status()).isEqualTo(JobStatus.QUEUED);
                assertThat(waiting.attempts()).isEqualTo(attempt);
                delays.add(Duration.between(waiting.updatedAt(), waiting.runAt()));
                assertThat(worker.runDue(1)).as("not due before its backoff").isZero();
                f.advanceTo(waiting.runAt());
            }
            assertThat(worker.runDue(1)).isEqualTo(1);

            Job dead = f.queue.get(id);
            assertThat(delays).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
            assertThat(dead.status()).isEqualTo(JobStatus.DEAD);
            assertThat(dead.attempts()).isEqualTo(4);
            assertThat(dead.lastError()).isEqualTo("IOException: WHM at s1 timed out (attempt 4)");
            assertThat(worker.runDue(1)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPermanentFailureIsDeadAtOnceAfterOneAttempt(Kind kind) {
        try (JobsFixture f = JobsFixture.open(kind)) {
            long id = f.queue.enqueue("provision", "provision:service:6", Map.of());
            JobWorker worker = f.worker("w1", Map.of("provision", job -> {
                throw new PermanentJobException("WHM refused the API token for server s1: set a new token in the admin");
            }));

            worker.runDue(1);

            Job job = f.queue.get(id);
            assertThat(job.status()).isEqualTo(JobStatus.DEAD);
            assertThat(job.attempts()).isEqualTo(1);
            assertThat(job.lastError()).startsWith("PermanentJobException: WHM refused the API token");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aJobOfAnUnknownKindIsDeadWithAClearError(Kind kind) {
        try (JobsFixture f = JobsFixture.open(kind)) {
            long id = f.queue.enqueue("teleport", "teleport:1", Map.of());

            f.worker("w1", Map.of("provision", job -> { })).runDue(1);

            Job job = f.queue.get(id);
            assertThat(job.status()).isEqualTo(JobStatus.DEAD);
            assertThat(job.lastError()).contains("no handler for job kind 'teleport'");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRescheduledJobWaitsWithoutUsingAnAttempt(Kind kind) {
        try (JobsFixture f = JobsFixture.open(kind)) {
            long id = f.queue.enqueue("payment.poll", "payment.poll:9", Map.of());
            AtomicInteger runs = new AtomicInteger();
            JobWorker worker = f.worker("w1", Map.of("payment.poll", job -> {
                if (runs.incrementAndGet() == 1) {
                    throw new RescheduleJobException(f.clock.instant().plusSeconds(30), "payment still pending");
                }
            }));

            worker.runDue(1);
            Job waiting = f.queue.get(id);
            f.advanceTo(waiting.runAt());
            worker.runDue(1);

            assertThat(waiting.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(waiting.attempts()).isZero();
            assertThat(waiting.lastError()).isNull();
            assertThat(Duration.between(waiting.updatedAt(), waiting.runAt())).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(30));
            assertThat(f.queue.get(id).status()).isEqualTo(JobStatus.DONE);
            assertThat(f.queue.get(id).attempts()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aCrashedWorkersJobIsTakenOverAfterItsLeaseAndItsLateOutcomeIsRefused(Kind kind) {
        try (JobsFixture f = JobsFixture.open(kind)) {
            long id = f.queue.enqueue("provision", "provision:service:11", Map.of());
            AtomicInteger runs = new AtomicInteger();
            JobWorker crashed = f.worker("host-a:1:dead", Map.of());
            JobWorker survivor = f.worker("host-b:2:live", Map.of("provision", job -> runs.incrementAndGet()));
            Job stale = crashed.claim(1).get(0);

            assertThat(survivor.runDue(1)).as("the lease still holds").isZero();
            f.clock.advance(JobsFixture.LEASE.plusSeconds(1));
            assertThat(survivor.runDue(1)).isEqualTo(1);

            Job job = f.queue.get(id);
            assertThat(runs).hasValue(1);
            assertThat(job.status()).isEqualTo(JobStatus.DONE);
            assertThat(job.attempts()).as("the crashed attempt counts").isEqualTo(2);
            assertThat(f.repository().complete(stale, f.clock.instant())).isFalse();
            assertThat(f.repository().dead(stale, "late failure", f.clock.instant())).isFalse();
            assertThat(f.queue.get(id).status()).isEqualTo(JobStatus.DONE);
            assertThat(f.queue.get(id).lastError()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aJobWhoseWorkerCrashedOnItsLastAttemptIsDead(Kind kind) {
        try (JobsFixture f = JobsFixture.open(kind)) {
            long id = f.queue.enqueue(NewJob.of("provision", "provision:service:12", Map.of()).maxAttempts(1));
            f.worker("host-a:1:dead", Map.of()).claim(1);
            f.clock.advance(JobsFixture.LEASE.plusSeconds(1));

            assertThat(f.worker("host-b:2:live", Map.of("provision", job -> { })).runDue(1)).isZero();

            Job job = f.queue.get(id);
            assertThat(job.status()).isEqualTo(JobStatus.DEAD);
            assertThat(job.lastError()).contains("lease ran out");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPeriodicRunWhoseWorkerCrashedOnItsLastAttemptMakesWayForTheNextSlot(Kind kind) {
        try (JobsFixture f = JobsFixture.open(kind)) {
            long id = f.queue.enqueue(NewJob.of("strike-reconcile", "periodic:strike-reconcile:42", Map.of()).maxAttempts(1));
            f.worker("host-a:1:dead", Map.of()).claim(1);
            f.clock.advance(JobsFixture.LEASE.plusSeconds(1));

            assertThat(f.worker("host-b:2:live", Map.of("strike-reconcile", job -> { })).runDue(1)).isZero();

            Job job = f.queue.get(id);
            assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(job.lastError()).contains("next slot");
        }
    }
}
