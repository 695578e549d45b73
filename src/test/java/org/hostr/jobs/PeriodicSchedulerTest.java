package org.hostr.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hostr.testing.TestDatabases.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PeriodicSchedulerTest {
    private static final PeriodicTask SWEEP = new PeriodicTask("billing.sweep", Duration.ofMinutes(1));

    @ParameterizedTest
    @EnumSource(Kind.class)
    void twoInstancesEnqueueOneJobPerSlot(Kind kind) {
        try (JobsFixture f = JobsFixture.open(kind)) {
            PeriodicScheduler one = new PeriodicScheduler(f.queue, List.of(SWEEP), PeriodicScheduler.Settings.DEFAULT);
            PeriodicScheduler two = new PeriodicScheduler(f.queue, List.of(SWEEP), PeriodicScheduler.Settings.DEFAULT);

            one.tick();
            two.tick();
            one.tick();

            List<Job> jobs = f.queue.list(JobFilter.kind("billing.sweep"), 1, 10).jobs();
            assertThat(jobs).hasSize(1);
            assertThat(jobs.get(0).idempotencyKey()).isEqualTo("periodic:billing.sweep:" + SWEEP.slot(f.clock.instant()));
            assertThat(jobs.get(0).maxAttempts()).isEqualTo(3);
            assertThat(jobs.get(0).payload().get("slot_start").asText()).endsWith(":00Z");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aSlowRunIsNotOverlappedByTheNextSlot(Kind kind) {
        try (JobsFixture f = JobsFixture.open(kind)) {
            PeriodicScheduler scheduler = new PeriodicScheduler(f.queue, List.of(SWEEP), PeriodicScheduler.Settings.DEFAULT);
            JobWorker worker = f.worker("w1", Map.of("billing.sweep", job -> { }));
            scheduler.tick();
            worker.claim(1); // the first run is still going when the next slot comes

            f.clock.advance(Duration.ofMinutes(1));
            scheduler.tick();
            assertThat(f.queue.list(JobFilter.kind("billing.sweep"), 1, 10).total()).isEqualTo(1);

            Job first = f.queue.list(JobFilter.kind("billing.sweep"), 1, 10).jobs().get(0);
            assertThat(f.repository().complete(first, f.clock.instant())).isTrue();
            scheduler.tick();
            assertThat(f.queue.list(JobFilter.kind("billing.sweep"), 1, 10).total()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void oldFinishedPeriodicJobsArePrunedButOtherJobsStay(Kind kind) {
        try (JobsFixture f = JobsFixture.open(kind)) {
            PeriodicScheduler scheduler = new PeriodicScheduler(f.queue, List.of(SWEEP), PeriodicScheduler.Settings.DEFAULT);
            JobWorker worker = f.worker("w1", Map.of("billing.sweep", job -> { }, "notify", job -> { }));
            scheduler.tick();
            f.queue.enqueue("notify", "notify:1", Map.of());
            worker.runDue(10);

            f.clock.advance(Duration.ofHours(2));
            scheduler.prune(f.clock.instant());
            assertThat(f.queue.list(JobFilter.ALL, 1, 10).total()).as("kept for a day").isEqualTo(2);

            f.clock.advance(Duration.ofDays(1));
            scheduler.prune(f.clock.instant());
            assertThat(f.queue.list(JobFilter.ALL, 1, 10).jobs()).extracting(Job::kind).containsExactly("notify");
        }
    }
}
