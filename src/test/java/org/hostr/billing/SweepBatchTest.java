package org.hostr.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hostr.db.generated.Tables.INVOICES;

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

/** More due services than one transaction's batch: one sweep issues every renewal once, numbered without gaps. */
class SweepBatchTest {
    private static final int SERVICES = 2 * RenewalSweep.CHUNK + 1;

    private static List<String> renewalNumbers(RenewalFixture f) {
        return f.db.dsl().select(INVOICES.NUMBER).from(INVOICES).where(INVOICES.KIND.eq("RENEWAL")).orderBy(INVOICES.NUMBER)
                .fetch(INVOICES.NUMBER);
    }

    private static List<String> numbered(int count) {
        return java.util.stream.IntStream.rangeClosed(1, count).mapToObj(seq -> InvoiceNumbers.format(2026, seq)).toList();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void oneSweepIssuesEveryDueRenewalAcrossBatches(Kind kind) {
        try (RenewalFixture f = new RenewalFixture(kind)) {
            Instant due = f.clock.instant().plus(Duration.ofDays(3));
            List<Long> ids = f.activeServicesInBulk(SERVICES, due);

            SweepReport first = f.sweep.run();
            SweepReport second = f.sweep.run();

            assertThat(first.count(SweepReport.INVOICES_ISSUED)).isEqualTo(SERVICES);
            assertThat(first.count(SweepReport.REMINDERS_QUEUED)).isEqualTo(SERVICES);
            assertThat(second.count(SweepReport.INVOICES_ISSUED)).isZero();
            assertThat(second.count(SweepReport.REMINDERS_QUEUED)).isZero();
            assertThat(renewalNumbers(f)).isEqualTo(numbered(SERVICES));
            assertThat(f.renewals(ids.get(SERVICES - 1))).singleElement().satisfies(r -> {
                assertThat(r.getPeriodFrom()).isEqualTo(due);
                assertThat(r.getTotalMinor()).isEqualTo(500);
            });
            assertThat(f.audits("invoice.issued")).isEqualTo(SERVICES);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void twoSweepsAtOnceOverManyServicesIssueEachRenewalOnceWithoutGaps(Kind kind) throws Exception {
        try (RenewalFixture f = new RenewalFixture(kind)) {
            f.activeServicesInBulk(SERVICES, f.clock.instant().plus(Duration.ofDays(3)));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<SweepReport> reports;
            try {
                CyclicBarrier start = new CyclicBarrier(2);
                Future<SweepReport> one = pool.submit(() -> {
                    start.await();
                    return f.sweep.run();
                });
                Future<SweepReport> two = pool.submit(() -> {
                    start.await();
                    return f.sweep.run();
                });
                reports = List.of(one.get(), two.get());
            } finally {
                pool.shutdownNow();
            }

            assertThat(reports).allSatisfy(r -> assertThat(r.errors()).isEmpty());
            assertThat(reports.stream().mapToInt(r -> r.count(SweepReport.INVOICES_ISSUED)).sum()).isEqualTo(SERVICES);
            assertThat(reports.stream().mapToInt(r -> r.count(SweepReport.REMINDERS_QUEUED)).sum()).isEqualTo(SERVICES);
            assertThat(renewalNumbers(f)).isEqualTo(numbered(SERVICES));
            assertThat(f.jobKeys(NoticeHandler.KIND)).hasSize(SERVICES).doesNotHaveDuplicates();
        }
    }
}
