package org.hostr.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.hostr.catalog.BillingPeriod;
import org.hostr.catalog.Plan;
import org.hostr.web.ApiError;
import org.junit.jupiter.api.Test;

class ProrationTest {
    private static final Plan BASIC = plan("basic", 500, "USD", BillingPeriod.P1M);
    private static final Plan PRO = plan("pro", 1200, "USD", BillingPeriod.P1M);

    private static Plan plan(String slug, long price, String currency, BillingPeriod period) {
        return new Plan(1, slug, slug, "", 1, 1, "pkg_" + slug, price, 0, currency, period, true, 0);
    }

    @Test
    void upgradeHalfwayThroughThirtyDaysChargesHalfTheDifference() {
        // April: 30 days; 15 left.
        Proration.Change change = Proration.planChange(BASIC, PRO, Instant.parse("2026-04-01T10:00:00Z"),
                Instant.parse("2026-05-01T10:00:00Z"), Instant.parse("2026-04-16T10:00:00Z"));

        assertThat(change).isEqualTo(new Proration.Change(350, 0, "USD", 15, 30));
        assertThat(change.isUpgrade()).isTrue();
    }

    @Test
    void downgradeCreditsTheDifferenceForDaysLeft() {
        Proration.Change change = Proration.planChange(PRO, BASIC, Instant.parse("2026-04-01T10:00:00Z"),
                Instant.parse("2026-05-01T10:00:00Z"), Instant.parse("2026-04-16T10:00:00Z"));

        assertThat(change).isEqualTo(new Proration.Change(0, 350, "USD", 15, 30));
        assertThat(change.isUpgrade()).isFalse();
    }

    @Test
    void thirtyOneDayMonthRoundsToTheNearestCent() {
        // March: 31 days; 10 left: 700 × 10 / 31 = 225.806… → 226.
        Proration.Change change = Proration.planChange(BASIC, PRO, Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-04-01T00:00:00Z"), Instant.parse("2026-03-22T00:00:00Z"));

        assertThat(change).isEqualTo(new Proration.Change(226, 0, "USD", 10, 31));
    }

    @Test
    void leapYearFebruaryHasTwentyNineDays() {
        // Feb 2028: 29 days; 10 left: 700 × 10 / 29 = 241.379… → 241.
        Proration.Change change = Proration.planChange(BASIC, PRO, Instant.parse("2028-02-01T00:00:00Z"),
                Instant.parse("2028-03-01T00:00:00Z"), Instant.parse("2028-02-20T00:00:00Z"));

        assertThat(change).isEqualTo(new Proration.Change(241, 0, "USD", 10, 29));
    }

    @Test
    void ordinaryFebruaryHasTwentyEightDays() {
        Proration.Change change = Proration.planChange(BASIC, PRO, Instant.parse("2026-02-01T00:00:00Z"),
                Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-02-15T00:00:00Z"));

        assertThat(change).isEqualTo(new Proration.Change(350, 0, "USD", 14, 28));
    }

    @Test
    void dayInProgressIsNotCounted() {
        // 14 days and 19 hours left: 14 whole days.
        Proration.Change change = Proration.planChange(BASIC, PRO, Instant.parse("2026-04-01T10:00:00Z"),
                Instant.parse("2026-05-01T10:00:00Z"), Instant.parse("2026-04-16T15:00:00Z"));

        assertThat(change.daysLeft()).isEqualTo(14);
        assertThat(change.chargeMinor()).isEqualTo(327); // 700 × 14 / 30 = 326.67
    }

    @Test
    void halfCentsRoundToEven() {
        assertThat(Proration.prorate(5, 15, 30)).isEqualTo(2);  // 2.5
        assertThat(Proration.prorate(7, 15, 30)).isEqualTo(4);  // 3.5
        assertThat(Proration.prorate(1, 1, 2)).isEqualTo(0);    // 0.5
    }

    @Test
    void changeAtOrAfterTheDueDateCostsNothing() {
        Proration.Change change = Proration.planChange(BASIC, PRO, Instant.parse("2026-04-01T10:00:00Z"),
                Instant.parse("2026-05-01T10:00:00Z"), Instant.parse("2026-05-03T10:00:00Z"));

        assertThat(change).isEqualTo(new Proration.Change(0, 0, "USD", 0, 30));
    }

    @Test
    void changeAtThePeriodStartCostsTheFullDifference() {
        Proration.Change change = Proration.planChange(BASIC, PRO, Instant.parse("2026-04-01T10:00:00Z"),
                Instant.parse("2026-05-01T10:00:00Z"), Instant.parse("2026-04-01T10:00:00Z"));

        assertThat(change.chargeMinor()).isEqualTo(700);
    }

    @Test
    void yearlyPlanInLeapYearHas366Days() {
        Plan small = plan("small-y", 5000, "USD", BillingPeriod.P1Y);
        Plan big = plan("big-y", 12320, "USD", BillingPeriod.P1Y);
        // 2028-01-01 → 2029-01-01: 366 days; 183 left: 7320 × 183 / 366 = 3660.
        Proration.Change change = Proration.planChange(small, big, Instant.parse("2028-01-01T00:00:00Z"),
                Instant.parse("2029-01-01T00:00:00Z"), Instant.parse("2028-07-02T00:00:00Z"));

        assertThat(change).isEqualTo(new Proration.Change(3660, 0, "USD", 183, 366));
    }

    @Test
    void samePriceNeitherChargesNorCredits() {
        Proration.Change change = Proration.planChange(BASIC, plan("basic2", 500, "USD", BillingPeriod.P1M),
                Instant.parse("2026-04-01T10:00:00Z"), Instant.parse("2026-05-01T10:00:00Z"), Instant.parse("2026-04-16T10:00:00Z"));

        assertThat(change).isEqualTo(new Proration.Change(0, 0, "USD", 15, 30));
    }

    @Test
    void plansInOtherCurrenciesCannotBeProrated() {
        assertThatThrownBy(() -> Proration.planChange(BASIC, plan("euro", 1200, "EUR", BillingPeriod.P1M),
                Instant.parse("2026-04-01T10:00:00Z"), Instant.parse("2026-05-01T10:00:00Z"), Instant.parse("2026-04-16T10:00:00Z")))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("plan_change_unsupported");
                    assertThat(e.getMessage()).contains("EUR", "USD");
                });
    }

    @Test
    void plansWithOtherPeriodsCannotBeProrated() {
        assertThatThrownBy(() -> Proration.planChange(BASIC, plan("yearly", 12000, "USD", BillingPeriod.P1Y),
                Instant.parse("2026-04-01T10:00:00Z"), Instant.parse("2026-05-01T10:00:00Z"), Instant.parse("2026-04-16T10:00:00Z")))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo("plan_change_unsupported"));
    }
}
