package org.hostr.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.hostr.catalog.BillingPeriod;
import org.hostr.db.generated.tables.records.InvoicesRecord;
import org.hostr.testing.TestDatabases.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A service's billing life with a moving clock: renewals, grace, expiry, restore and termination. */
class RenewalLifecycleTest {
    private static final Duration DAY = Duration.ofDays(1);

    @ParameterizedTest
    @EnumSource(Kind.class)
    void monthlyServicePaidOnTimeForAYearHasTwelveInvoicesAndIsNeverSuspended(Kind kind) {
        try (RenewalFixture f = new RenewalFixture(kind)) {
            long id = f.activeService("year.example");
            Instant start = f.service(id).getPeriodStart();
            Instant expectedDue = start;
            for (int month = 0; month < 12; month++) {
                expectedDue = BillingPeriod.P1M.addTo(expectedDue);
            }

            for (int day = 0; day < 340; day++) {
                f.clock.advance(DAY);
                f.sweepAndRunJobs();
                f.unpaidInvoice(id).ifPresent(invoice -> f.pay(invoice.getNumber()));
                f.runJobs();
            }

            assertThat(f.invoices(id)).hasSize(12).allMatch(i -> "PAID".equals(i.getStatus()));
            assertThat(f.invoices(id).stream().filter(i -> "RENEWAL".equals(i.getKind()))).hasSize(11);
            assertThat(f.service(id).getStatus()).isEqualTo("ACTIVE");
            assertThat(f.service(id).getNextDueAt()).isEqualTo(expectedDue);
            assertThat(f.whm.calls("suspendacct")).isZero();
            assertThat(f.audits("notice.sent")).isEqualTo(11);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void paidLateInsideGraceIsNotSuspendedAndContinuesFromTheOldDueDate(Kind kind) {
        try (RenewalFixture f = new RenewalFixture(kind)) {
            long id = f.activeService("late.example");
            Instant due = f.service(id).getNextDueAt();

            f.liveUntil(due.plus(Duration.ofDays(2)), Duration.ofHours(6));
            f.pay(f.unpaidInvoice(id).orElseThrow().getNumber());
            f.runJobs();
            f.liveUntil(due.plus(Duration.ofDays(10)), Duration.ofHours(6));

            assertThat(f.service(id).getStatus()).isEqualTo("ACTIVE");
            assertThat(f.service(id).getNextDueAt()).isEqualTo(BillingPeriod.P1M.addTo(due));
            assertThat(f.service(id).getPeriodStart()).isEqualTo(due);
            assertThat(f.whm.calls("suspendacct")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void unpaidExpiresExactlyAtDuePlusGraceAndPaymentRestoresFromThePayment(Kind kind) {
        try (RenewalFixture f = new RenewalFixture(kind)) {
            long id = f.activeService("unpaid.example");
            Instant due = f.service(id).getNextDueAt();
            Instant expiry = due.plus(Duration.ofDays(RenewalFixture.BILLING.graceDays()));

            f.liveUntil(expiry.minusSeconds(1), Duration.ofHours(6));
            assertThat(f.service(id).getStatus()).isEqualTo("ACTIVE");
            f.liveUntil(expiry, Duration.ofHours(6));

            InvoicesRecord renewal = f.unpaidInvoice(id).orElseThrow();
            assertThat(f.service(id).getStatus()).isEqualTo("EXPIRED");
            assertThat(f.service(id).getSuspendReason()).isEqualTo("Non-payment " + renewal.getNumber());
            f.liveUntil(expiry.plus(Duration.ofDays(5)), Duration.ofHours(6));
            assertThat(f.whm.calls("suspendacct")).isEqualTo(1);

            Instant paidAt = f.clock.instant();
            f.pay(renewal.getNumber());
            f.runJobs();

            assertThat(f.service(id).getStatus()).isEqualTo("ACTIVE");
            assertThat(f.service(id).getSuspendReason()).isNull();
            assertThat(f.service(id).getPeriodStart()).isEqualTo(paidAt);
            assertThat(f.service(id).getNextDueAt()).isEqualTo(BillingPeriod.P1M.addTo(paidAt));
            assertThat(f.whm.calls("unsuspendacct")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void neverPaidIsTerminatedOnTheRightDayOnce(Kind kind) {
        try (RenewalFixture f = new RenewalFixture(kind)) {
            long id = f.activeService("gone.example");
            Instant expiry = f.service(id).getNextDueAt().plus(Duration.ofDays(RenewalFixture.BILLING.graceDays()));
            Instant termination = expiry.plus(Duration.ofDays(RenewalFixture.BILLING.terminateAfterDays()));

            f.liveUntil(termination.minusSeconds(1), Duration.ofHours(6));
            assertThat(f.service(id).getStatus()).isEqualTo("EXPIRED");
            f.liveUntil(termination, Duration.ofHours(6));
            assertThat(f.service(id).getStatus()).isEqualTo("TERMINATED");
            f.liveUntil(termination.plus(Duration.ofDays(3)), Duration.ofHours(6));

            assertThat(f.whm.calls("removeacct")).isEqualTo(1);
            assertThat(f.whm.calls("suspendacct")).isEqualTo(1);
            assertThat(f.whm.account(f.service(id).getUsername())).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void reviewBeforeTerminatePutsTheServiceBeforeAnAdminInstead(Kind kind) {
        var billing = new org.hostr.config.HostrConfig.Billing("USD", 7, 3, 14, true, 7, 60);
        try (RenewalFixture f = new RenewalFixture(kind, billing)) {
            long id = f.activeService("review.example");
            Instant termination = f.service(id).getNextDueAt().plus(Duration.ofDays(3 + 14));

            f.liveUntil(termination.plus(Duration.ofDays(2)), Duration.ofHours(6));

            assertThat(f.service(id).getStatus()).isEqualTo("EXPIRED");
            assertThat(f.whm.calls("removeacct")).isZero();
            assertThat(f.admin.reviewQueue()).singleElement().satisfies(item -> {
                assertThat(item.serviceId()).isEqualTo(id);
                assertThat(item.open()).extracting(ReviewItem.Open::action).containsExactly("REVIEW_TERMINATE");
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void adminSuspendedServiceStaysSuspendedWhenPaidAndShowsInTheReviewQueue(Kind kind) {
        try (RenewalFixture f = new RenewalFixture(kind)) {
            long id = f.activeService("abuse.example");
            f.admin.suspend("npub1admin", id, "phishing reported");
            f.runJobs();
            assertThat(f.service(id).getStatus()).isEqualTo("SUSPENDED");

            f.liveUntil(f.service(id).getNextDueAt().minus(Duration.ofDays(3)), Duration.ofHours(12));
            InvoicesRecord renewal = f.unpaidInvoice(id).orElseThrow();
            f.pay(renewal.getNumber());
            f.runJobs();
            f.liveUntil(f.clock.instant().plus(Duration.ofDays(30)), Duration.ofHours(12));

            assertThat(f.service(id).getStatus()).isEqualTo("SUSPENDED");
            assertThat(f.service(id).getSuspendReason()).isEqualTo("phishing reported");
            assertThat(f.whm.calls("unsuspendacct")).isZero();
            assertThat(f.admin.reviewQueue()).singleElement().satisfies(item -> assertThat(item.open())
                    .extracting(ReviewItem.Open::action, ReviewItem.Open::ref)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("PAYMENT_TO_REVIEW", renewal.getNumber())));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void newOrdersNeverPaidAreCancelledAfterThePendingDays(Kind kind) {
        try (RenewalFixture f = new RenewalFixture(kind)) {
            long id = f.order("never.example");

            f.liveUntil(f.clock.instant().plus(Duration.ofDays(7)).minusSeconds(1), Duration.ofHours(12));
            assertThat(f.service(id).getStatus()).isEqualTo("PENDING");
            f.liveUntil(f.clock.instant().plusSeconds(1), Duration.ofHours(12));

            assertThat(f.service(id).getStatus()).isEqualTo("CANCELLED");
            assertThat(f.invoices(id)).singleElement().satisfies(i -> assertThat(i.getStatus()).isEqualTo("CANCELLED"));
        }
    }
}
