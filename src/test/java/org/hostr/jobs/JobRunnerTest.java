package org.hostr.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.hostr.config.HostrConfig;
import org.hostr.db.Database;
import org.hostr.testing.TestDatabases;
import org.hostr.testing.TestDatabases.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobRunnerTest {
    private static final JobSettings FAST = JobSettings.DEFAULT.withThreads(3).withPollInterval(Duration.ofMillis(20))
            .withRetry(JobsFixture.PLAIN_BACKOFF);

    @ParameterizedTest
    @EnumSource(Kind.class)
    void twoInstancesOnOneDatabaseRunEveryJobExactlyOnce(Kind kind) throws Exception {
        HostrConfig.Database config = TestDatabases.config(kind);
        Map<Long, AtomicInteger> runs = new ConcurrentHashMap<>();
        JobHandler counting = job -> runs.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet();
        try (Database first = Database.open(config, null); Database second = openMigrated(first, config)) {
            JobQueue queueA = new JobQueue(new JobRepository(first.dsl()), Clock.systemUTC());
            JobQueue queueB = new JobQueue(new JobRepository(second.dsl()), Clock.systemUTC());
            try (JobRunner a = new JobRunner(queueA, Map.of("work", counting), FAST).start();
                 JobRunner b = new JobRunner(queueB, Map.of("work", counting), FAST).start()) {

                for (int batch = 0; batch < 5; batch++) {
                    int from = batch * 100;
                    first.transactionRun(tx -> {
                        for (int i = from; i < from + 100; i++) {
                            queueA.enqueue(tx, "work", "work:" + i, Map.of("n", i), null);
                        }
                    });
                }

                awaitTrue(() -> queueA.countsByStatus().get(JobStatus.DONE) == 500, Duration.ofSeconds(40));
            }
            assertThat(runs).hasSize(500);
            assertThat(runs.values()).allSatisfy(count -> assertThat(count).hasValue(1));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aJobEnqueuedInThisProcessRunsWithoutWaitingForThePoll(Kind kind) throws Exception {
        try (JobsFixture f = JobsFixture.open(kind)) {
            CountDownLatch ran = new CountDownLatch(1);
            JobSettings slowPoll = FAST.withPollInterval(Duration.ofSeconds(30));
            try (JobRunner runner = new JobRunner(f.queue, Map.of("notify", job -> ran.countDown()), slowPoll).start()) {
                Thread.sleep(100); // the runner's first poll has found nothing and sleeps

                f.queue.enqueue("notify", "notify:1", Map.of());

                assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aJobEnqueuedInATransactionThatCommitsAfterTheWakeUpStillRunsAtOnce(Kind kind) throws Exception {
        try (JobsFixture f = JobsFixture.open(kind)) {
            CountDownLatch ran = new CountDownLatch(1);
            JobSettings slowPoll = FAST.withPollInterval(Duration.ofSeconds(30));
            try (JobRunner runner = new JobRunner(f.queue, Map.of("notify", job -> ran.countDown()), slowPoll).start()) {
                Thread.sleep(100); // the runner's first poll has found nothing and sleeps

                // the wake-up comes while the job is not yet committed, as for a job a settlement queues
                f.db.transactionRun(tx -> {
                    f.queue.enqueue(tx, "notify", "notify:tx", Map.of(), null);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });

                assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void stopWaitsForARunningHandlerToFinish(Kind kind) throws Exception {
        try (JobsFixture f = JobsFixture.open(kind)) {
            CountDownLatch started = new CountDownLatch(1);
            AtomicBoolean finished = new AtomicBoolean();
            long id = f.queue.enqueue("provision", "provision:service:1", Map.of());
            JobRunner runner = new JobRunner(f.queue, Map.of("provision", job -> {
                started.countDown();
                Thread.sleep(400);
                finished.set(true);
            }), FAST).start();
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

            boolean stoppedCleanly = runner.stop(Duration.ofSeconds(5));

            assertThat(stoppedCleanly).isTrue();
            assertThat(finished).isTrue();
            assertThat(f.queue.get(id).status()).isEqualTo(JobStatus.DONE);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aLongJobKeepsItsLeaseWhileItRuns(Kind kind) throws Exception {
        try (JobsFixture f = JobsFixture.open(kind)) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            long id = f.queue.enqueue("provision", "provision:service:1", Map.of());
            JobSettings shortLease = FAST.withLease(Duration.ofSeconds(1));
            JobWorker other = new JobWorker(f.repository(), Map.of(), f.clock, "other", Duration.ofSeconds(1),
                    JobsFixture.PLAIN_BACKOFF, () -> 0.5);
            List<Job> stolen = new ArrayList<>();
            try (JobRunner runner = new JobRunner(f.queue, Map.of("provision", job -> {
                started.countDown();
                release.await();
            }), shortLease).start()) {
                assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

                long until = System.nanoTime() + Duration.ofMillis(2_000).toNanos();
                while (System.nanoTime() < until) {
                    stolen.addAll(other.claim(1));
                    Thread.sleep(100);
                }
                release.countDown();
                awaitTrue(() -> f.queue.get(id).status() == JobStatus.DONE, Duration.ofSeconds(5));
            }
            assertThat(stolen).isEmpty();
            assertThat(f.queue.get(id).attempts()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void jobsHeldByAKilledProcessOfThisHostRunAtOnceNotAfterTheirLease(Kind kind) throws Exception {
        try (JobsFixture f = JobsFixture.open(kind)) {
            String host = JobRunner.newWorkerId().split(":")[0];
            Process gone = new ProcessBuilder("true").start();
            gone.waitFor();
            long killed = f.queue.enqueue("work", "work:killed", Map.of());
            long live = f.queue.enqueue("work", "work:live", Map.of());
            holdAsRunning(f, killed, host + ":" + gone.pid() + ":0dead000");
            holdAsRunning(f, live, host + ":" + ProcessHandle.current().pid() + ":0a11ve00"); // another runner, alive
            AtomicInteger runs = new AtomicInteger();

            try (JobRunner runner = new JobRunner(f.queue, Map.of("work", job -> runs.incrementAndGet()), FAST).start()) {
                awaitTrue(() -> f.queue.get(killed).status() == JobStatus.DONE, Duration.ofSeconds(5));
                Thread.sleep(300);
            }

            assertThat(runs).hasValue(1);
            assertThat(f.queue.get(live).status()).isEqualTo(JobStatus.RUNNING);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void slowKindsNeverTakeEveryThread(Kind kind) throws Exception {
        try (JobsFixture f = JobsFixture.open(kind)) {
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger slowAtOnce = new AtomicInteger();
            AtomicInteger mostSlowAtOnce = new AtomicInteger();
            CountDownLatch fastRan = new CountDownLatch(1);
            JobHandler slow = job -> {
                mostSlowAtOnce.accumulateAndGet(slowAtOnce.incrementAndGet(), Math::max);
                try {
                    release.await();
                } finally {
                    slowAtOnce.decrementAndGet();
                }
            };
            for (int i = 0; i < 10; i++) {
                f.queue.enqueue("createacct", "createacct:" + i, Map.of());
            }
            try (JobRunner runner = new JobRunner(f.queue, Map.of("createacct", slow, "settle", job -> fastRan.countDown()),
                    FAST.withThreads(4)).limitSlowKinds(java.util.Set.of("createacct"), 2).start()) {
                awaitTrue(() -> slowAtOnce.get() == 2, Duration.ofSeconds(5));

                f.queue.enqueue("settle", "settle:1", Map.of());

                assertThat(fastRan.await(5, TimeUnit.SECONDS)).isTrue();
                assertThat(mostSlowAtOnce).hasValue(2);
                release.countDown();
                awaitTrue(() -> f.queue.countsByStatus().getOrDefault(JobStatus.DONE, 0L) == 11, Duration.ofSeconds(10));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void withSlowKindsLimitedAJobOfAKindNoHandlerKnowsStillEndsDeadSayingSo(Kind kind) throws Exception {
        try (JobsFixture f = JobsFixture.open(kind)) {
            CountDownLatch settled = new CountDownLatch(1);
            f.queue.enqueue("teleport", "teleport:1", Map.of());
            f.queue.enqueue("settle", "settle:1", Map.of());
            try (JobRunner runner = new JobRunner(f.queue, Map.of("createacct", job -> { }, "settle", job -> settled.countDown()),
                    FAST.withThreads(4)).limitSlowKinds(java.util.Set.of("createacct"), 2).start()) {
                assertThat(settled.await(5, TimeUnit.SECONDS)).isTrue();
                awaitTrue(() -> f.queue.findByKey("teleport:1").orElseThrow().status() == JobStatus.DEAD, Duration.ofSeconds(5));
                assertThat(f.queue.findByKey("teleport:1").orElseThrow().lastError()).contains("no handler for job kind 'teleport'");
            }
        }
    }

    private static void holdAsRunning(JobsFixture f, long id, String worker) {
        f.db.dsl().update(org.hostr.db.generated.Tables.JOBS)
                .set(org.hostr.db.generated.Tables.JOBS.STATUS, JobStatus.RUNNING.name())
                .set(org.hostr.db.generated.Tables.JOBS.LOCKED_BY, worker)
                .set(org.hostr.db.generated.Tables.JOBS.LOCKED_UNTIL, f.clock.instant().plus(JobsFixture.LEASE))
                .set(org.hostr.db.generated.Tables.JOBS.ATTEMPTS, 1L)
                .where(org.hostr.db.generated.Tables.JOBS.ID.eq(id))
                .execute();
    }

    private static Database openMigrated(Database first, HostrConfig.Database config) {
        first.migrate();
        return Database.open(config, null);
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(25);
        }
    }
}
