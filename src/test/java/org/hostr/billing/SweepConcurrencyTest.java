package org.hostr.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hostr.testing.TestDatabases.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two sweeps at the same moment (two instances on one database) do nothing twice. */
class SweepConcurrencyTest {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void twoSweepsAtOnceIssueOneInvoiceOneReminderPerSlotAndOneWhmCall(Kind kind) throws Exception {
        try (RenewalFixture f = new RenewalFixture(kind)) {
            List<Long> ids = List.of(f.activeService("a.example"), f.activeService("b.example"), f.activeService("c.example"));
            Instant due = f.service(ids.get(0)).getNextDueAt();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                // Issue time, the day before, the due date, expiry, and termination: two sweeps at once at each.
                for (Instant at : List.of(due.minus(Duration.ofDays(7)), due.minus(Duration.ofDays(1)), due,
                        due.plus(Duration.ofDays(3)), due.plus(Duration.ofDays(3 + 14)))) {
                    f.clock.advance(Duration.between(f.clock.instant(), at));
                    List<SweepReport> reports = twoAtOnce(pool, f);
                    assertThat(reports).allSatisfy(r -> assertThat(r.errors()).isEmpty());
                    f.runJobs();
                    // and once more after the jobs ran (the services' versions have moved on)
                    twoAtOnce(pool, f);
                    f.runJobs();
                }
            } finally {
                pool.shutdownNow();
            }

            for (long id : ids) {
                assertThat(f.invoices(id).stream().filter(i -> "RENEWAL".equals(i.getKind()))).hasSize(1);
                assertThat(f.service(id).getStatus()).isEqualTo("TERMINATED");
            }
            assertThat(f.jobKeys(NoticeHandler.KIND)).hasSize(9).doesNotHaveDuplicates();
            assertThat(f.audits("notice.sent")).isEqualTo(9);
            assertThat(f.whm.calls("suspendacct")).isEqualTo(3);
            assertThat(f.whm.calls("removeacct")).isEqualTo(3);
            assertThat(f.sweep.lastRun()).hasValueSatisfying(r -> assertThat(r.errors()).isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theSweepRunsAsAJobAndRecordsItsReport(Kind kind) {
        try (RenewalFixture f = new RenewalFixture(kind)) {
            long id = f.activeService("job.example");
            f.clock.advance(Duration.between(f.clock.instant(), f.service(id).getNextDueAt().minus(Duration.ofDays(6))));

            f.queue.enqueue(RenewalSweep.KIND, "periodic:billing-sweep:test", java.util.Map.of());
            f.runJobs();

            SweepReport last = f.admin.lastSweep().orElseThrow();
            assertThat(last.count(SweepReport.INVOICES_ISSUED)).isEqualTo(1);
            assertThat(last.count(SweepReport.REMINDERS_QUEUED)).isEqualTo(1);
            assertThat(last.startedAt()).isEqualTo(f.clock.instant());
            assertThat(f.sweep.periodicTask().interval()).isEqualTo(Duration.ofSeconds(60));
        }
    }

    private static List<SweepReport> twoAtOnce(ExecutorService pool, RenewalFixture f) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Future<SweepReport> one = pool.submit(() -> {
            start.await();
            return f.sweep.run();
        });
        Future<SweepReport> two = pool.submit(() -> {
            start.await();
            return f.sweep.run();
        });
        return List.of(one.get(), two.get());
    }
}
