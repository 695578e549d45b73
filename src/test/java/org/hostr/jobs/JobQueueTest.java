package org.hostr.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hostr.testing.TestDatabases.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobQueueTest {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void enqueueingOneKeyTwiceGivesOneJob(Kind kind) {
        try (JobsFixture f = JobsFixture.open(kind)) {
            long first = f.queue.enqueue("provision", "provision:service:42", Map.of("service_id", 42));
            long second = f.queue.enqueue("provision", "provision:service:42", Map.of("service_id", 99));

            assertThat(second).isEqualTo(first);
            assertThat(f.queue.list(JobFilter.ALL, 1, 50).total()).isEqualTo(1);
            Job job = f.queue.get(first);
            assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(job.longField("service_id")).isEqualTo(42);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void addingSaysWhetherTheJobWentInAndKeepsTheFirstPayload(Kind kind) {
        try (JobsFixture f = JobsFixture.open(kind)) {
            boolean first = f.db.transaction(tx -> f.queue.add(tx, NewJob.of("settle", "settle:e1", Map.of("n", 1))));
            boolean again = f.db.transaction(tx -> f.queue.add(tx, NewJob.of("settle", "settle:e1", Map.of("n", 2))));

            assertThat(first).isTrue();
            assertThat(again).isFalse();
            Job job = f.queue.findByKey("settle:e1").orElseThrow();
            assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(job.payload().get("n").asInt()).isEqualTo(1);
            assertThat(f.queue.countsByStatus().get(JobStatus.QUEUED)).isEqualTo(1L);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void enqueueingAnExistingKeyReturnsThatJobEvenAfterOtherInserts(Kind kind) {
        try (JobsFixture f = JobsFixture.open(kind)) {
            long first = f.queue.enqueue("provision", "provision:service:1", Map.of());
            long other = f.db.transaction(tx -> {
                long inserted = f.queue.enqueue(tx, "provision", "provision:service:2", Map.of(), null);
                long again = f.queue.enqueue(tx, "provision", "provision:service:1", Map.of(), null);
                assertThat(again).isEqualTo(first);
                return inserted;
            });

            assertThat(other).isNotEqualTo(first);
            assertThat(f.queue.enqueue("provision", "provision:service:1", Map.of())).isEqualTo(first);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void concurrentEnqueuesOfOneKeyGiveOneJob(Kind kind) throws Exception {
        try (JobsFixture f = JobsFixture.open(kind)) {
            int callers = 4;
            CyclicBarrier together = new CyclicBarrier(callers);
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            try {
                List<Future<Long>> ids = new ArrayList<>();
                for (int i = 0; i < callers; i++) {
                    ids.add(pool.submit(() -> {
                        together.await();
                        return f.queue.enqueue("provision", "provision:service:77", Map.of());
                    }));
                }

                Set<Long> distinct = new HashSet<>();
                for (Future<Long> id : ids) {
                    distinct.add(id.get(20, TimeUnit.SECONDS));
                }
                assertThat(distinct).hasSize(1);
                assertThat(f.queue.list(JobFilter.ALL, 1, 10).total()).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void enqueueInARolledBackTransactionLeavesNoJob(Kind kind) {
        try (JobsFixture f = JobsFixture.open(kind)) {
            assertThatThrownBy(() -> f.db.transactionRun(tx -> {
                f.queue.enqueue(tx, "provision", "provision:service:7", Map.of("service_id", 7), null);
                throw new IllegalStateException("invoice update failed");
            })).hasMessageContaining("invoice update failed");

            assertThat(f.queue.findByKey("provision:service:7")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void enqueueInTheCallersTransactionCommitsWithIt(Kind kind) {
        try (JobsFixture f = JobsFixture.open(kind)) {
            Instant later = f.clock.instant().plus(Duration.ofMinutes(3));

            long id = f.db.transaction(tx -> f.queue.enqueue(tx, "provision", "provision:service:8", Map.of("service_id", 8), later));

            Job job = f.queue.get(id);
            assertThat(job.runAt()).isEqualTo(later.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            assertThat(job.maxAttempts()).isEqualTo(NewJob.DEFAULT_MAX_ATTEMPTS);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void adminRetriesADeadJobWithFreshAttemptsAndItRunsAgain(Kind kind) {
        try (JobsFixture f = JobsFixture.open(kind)) {
            long id = f.queue.enqueue("provision", "provision:service:1", Map.of());
            f.worker("w1", Map.of("provision", job -> {
                throw new PermanentJobException("WHM refused the API token for server s1");
            })).runDue(1);
            assertThat(f.queue.get(id).status()).isEqualTo(JobStatus.DEAD);

            Job retried = f.queue.retry(id);

            assertThat(retried.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(retried.attempts()).isZero();
            assertThat(retried.lastError()).contains("WHM refused the API token");
            f.worker("w2", Map.of("provision", job -> { })).runDue(1);
            assertThat(f.queue.get(id).status()).isEqualTo(JobStatus.DONE);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void adminCancelsAQueuedJobAndNoWorkerRunsIt(Kind kind) {
        try (JobsFixture f = JobsFixture.open(kind)) {
            long id = f.queue.enqueue("provision", "provision:service:2", Map.of());

            Job cancelled = f.queue.cancel(id);

            assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(cancelled.finishedAt()).isNotNull();
            assertThat(f.worker("w1", Map.of("provision", job -> { })).runDue(10)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void adminCannotCancelARunningJobNorRetryADoneOne(Kind kind) {
        try (JobsFixture f = JobsFixture.open(kind)) {
            long running = f.queue.enqueue("provision", "provision:service:3", Map.of());
            f.worker("w1", Map.of()).claim(1);
            long done = f.queue.enqueue("notify", "notify:1", Map.of());
            f.worker("w2", Map.of("notify", job -> { })).runDue(1);

            assertThatThrownBy(() -> f.queue.cancel(running))
                    .isInstanceOf(JobStateException.class).hasMessageContaining("is RUNNING");
            assertThatThrownBy(() -> f.queue.retry(done))
                    .isInstanceOf(JobStateException.class).hasMessageContaining("is DONE");
            assertThatThrownBy(() -> f.queue.retry(123_456)).isInstanceOf(JobNotFoundException.class);
            assertThat(f.queue.get(running).status()).isEqualTo(JobStatus.RUNNING);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void adminListIsNewestFirstFilteredAndCountedByStatus(Kind kind) {
        try (JobsFixture f = JobsFixture.open(kind)) {
            for (int i = 1; i <= 5; i++) {
                f.queue.enqueue("provision", "provision:service:" + i, Map.of("service_id", i));
            }
            long other = f.queue.enqueue("notify", "notify:1", Map.of());
            f.queue.cancel(other);

            JobPage page = f.queue.list(JobFilter.kind("provision"), 1, 2);
            JobPage cancelled = f.queue.list(JobFilter.status(JobStatus.CANCELLED), 1, 10);

            assertThat(page.jobs()).extracting(Job::idempotencyKey).containsExactly("provision:service:5", "provision:service:4");
            assertThat(page.total()).isEqualTo(5);
            assertThat(page.pages()).isEqualTo(3);
            assertThat(f.queue.list(JobFilter.kind("provision"), 3, 2).jobs()).hasSize(1);
            assertThat(cancelled.jobs()).extracting(Job::id).containsExactly(other);
            assertThat(f.queue.countsByStatus())
                    .containsEntry(JobStatus.QUEUED, 5L).containsEntry(JobStatus.CANCELLED, 1L).containsEntry(JobStatus.DEAD, 0L);
        }
    }
}
