package org.hostr.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hostr.db.generated.Tables.PAYMENTS;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hostr.catalog.BillingPeriod;
import org.hostr.db.generated.tables.records.InvoicesRecord;
import org.hostr.testing.TestDatabases.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The customer's credit balance on renewal invoices: spent once, as they are issued; a renewal it covers is paid. */
class RenewalCreditTest {

    /** Moves the clock to the renewal's issue time (lead 7 days) and sweeps. */
    private static void sweepAtIssue(RenewalFixture f, long serviceId) {
        Instant issueAt = f.service(serviceId).getNextDueAt().minus(Duration.ofDays(RenewalFixture.BILLING.renewalLeadDays()));
        f.clock.advance(Duration.between(f.clock.instant(), issueAt));
        f.sweepAndRunJobs();
    }

    @Test
    void renewalSpendsTheWholeSmallerBalanceAndChargesTheRest() {
        try (RenewalFixture f = new RenewalFixture(Kind.SQLITE)) {
            long id = f.activeService("part.example");
            long customer = f.service(id).getCustomerId();
            f.giveCredit(customer, 120);

            sweepAtIssue(f, id);

            InvoicesRecord renewal = f.unpaidInvoice(id).orElseThrow();
            assertThat(renewal.getKind()).isEqualTo("RENEWAL");
            assertThat(renewal.getSubtotalMinor()).isEqualTo(500);
            assertThat(renewal.getCreditAppliedMinor()).isEqualTo(120);
            assertThat(renewal.getTotalMinor()).isEqualTo(380);
            assertThat(f.credit(customer)).isZero();
            assertThat(f.audits("credit.applied")).isEqualTo(1);
        }
    }

    @Test
    void renewalCoveredByCreditIsPaidAtIssueAndExtendsTheService() {
        try (RenewalFixture f = new RenewalFixture(Kind.SQLITE)) {
            long id = f.activeService("covered.example");
            long customer = f.service(id).getCustomerId();
            Instant due = f.service(id).getNextDueAt();
            f.giveCredit(customer, 800);

            sweepAtIssue(f, id);
            f.sweepAndRunJobs();

            assertThat(f.renewals(id)).singleElement().satisfies(renewal -> {
                assertThat(renewal.getStatus()).isEqualTo("PAID");
                assertThat(renewal.getPaidAt()).isEqualTo(f.clock.instant());
                assertThat(renewal.getCreditAppliedMinor()).isEqualTo(500);
                assertThat(renewal.getTotalMinor()).isZero();
            });
            assertThat(f.credit(customer)).isEqualTo(300);
            assertThat(f.service(id).getStatus()).isEqualTo("ACTIVE");
            assertThat(f.service(id).getPeriodStart()).isEqualTo(due);
            assertThat(f.service(id).getNextDueAt()).isEqualTo(BillingPeriod.P1M.addTo(due));
            assertThat(f.jobKeys(NoticeHandler.KIND)).isEmpty();
            assertThat(f.db.dsl().fetchCount(PAYMENTS)).isZero();
            assertThat(f.audits("invoice.paid")).isEqualTo(1);
        }
    }

    @Test
    void whatIsLeftOfTheBalancePaysPartOfTheNextRenewal() {
        try (RenewalFixture f = new RenewalFixture(Kind.SQLITE)) {
            long id = f.activeService("next.example");
            long customer = f.service(id).getCustomerId();
            f.giveCredit(customer, 800);
            sweepAtIssue(f, id);

            sweepAtIssue(f, id);

            assertThat(f.renewals(id)).extracting(InvoicesRecord::getStatus, InvoicesRecord::getCreditAppliedMinor,
                    InvoicesRecord::getTotalMinor).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("PAID", 500L, 0L),
                    org.assertj.core.groups.Tuple.tuple("UNPAID", 300L, 200L));
            assertThat(f.credit(customer)).isZero();
        }
    }

    @Test
    void renewNowWithEnoughCreditAnswersThePaidInvoice() {
        try (RenewalFixture f = new RenewalFixture(Kind.SQLITE)) {
            long id = f.activeService("now.example");
            long customer = f.service(id).getCustomerId();
            Instant due = f.service(id).getNextDueAt();
            f.giveCredit(customer, 500);

            Invoice renewal = f.customers.renewNow(customer, id);

            assertThat(renewal.status()).isEqualTo("PAID");
            assertThat(renewal.totalMinor()).isZero();
            assertThat(f.credit(customer)).isZero();
            assertThat(f.service(id).getNextDueAt()).isEqualTo(BillingPeriod.P1M.addTo(due));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void twoSweepsAtOnceSpendTheCreditOnce(Kind kind) throws Exception {
        try (RenewalFixture f = new RenewalFixture(kind)) {
            List<Long> ids = List.of(f.activeService("a.example"), f.activeService("b.example"));
            for (long id : ids) {
                f.giveCredit(f.service(id).getCustomerId(), 350);
            }
            Instant due = f.service(ids.get(0)).getNextDueAt();
            f.clock.advance(Duration.between(f.clock.instant(), due.minus(Duration.ofDays(7))));
            ExecutorService pool = Executors.newFixedThreadPool(2);
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
                assertThat(List.of(one.get(), two.get())).allSatisfy(r -> assertThat(r.errors()).isEmpty());
            } finally {
                pool.shutdownNow();
            }

            for (long id : ids) {
                assertThat(f.renewals(id)).singleElement().satisfies(r -> {
                    assertThat(r.getCreditAppliedMinor()).isEqualTo(350);
                    assertThat(r.getTotalMinor()).isEqualTo(150);
                });
                assertThat(f.credit(f.service(id).getCustomerId())).isZero();
            }
            assertThat(f.audits("credit.applied")).isEqualTo(2);
        }
    }
}
