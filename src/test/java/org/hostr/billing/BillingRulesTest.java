package org.hostr.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.hostr.billing.BillingRules.Period;
import org.hostr.billing.BillingRules.ReminderSlot;
import org.hostr.billing.BillingRules.ServicePhase;
import org.hostr.catalog.BillingPeriod;
import org.junit.jupiter.api.Test;

class BillingRulesTest {
    private static final Instant DUE = Instant.parse("2026-03-01T10:00:00Z");
    private static final int LEAD = 7;
    private static final int GRACE = 3;
    private static final int TERMINATE = 14;

    private static ServicePhase phaseAt(Instant now) {
        return BillingRules.phase(now, DUE, LEAD, GRACE, TERMINATE, null);
    }

    private static Instant days(Instant from, long days) {
        return from.plus(Duration.ofDays(days));
    }

    @Test
    void serviceIsActiveUntilTheRenewalLead() {
        assertThat(phaseAt(days(DUE, -30))).isEqualTo(ServicePhase.ACTIVE);
        assertThat(phaseAt(days(DUE, -LEAD).minusMillis(1))).isEqualTo(ServicePhase.ACTIVE);
    }

    @Test
    void serviceIsDueFromTheIssueInstantUntilTheDueDate() {
        assertThat(phaseAt(days(DUE, -LEAD))).isEqualTo(ServicePhase.DUE);
        assertThat(phaseAt(DUE.minusMillis(1))).isEqualTo(ServicePhase.DUE);
    }

    @Test
    void serviceIsInGraceFromTheDueDateForGraceDays() {
        assertThat(phaseAt(DUE)).isEqualTo(ServicePhase.IN_GRACE);
        assertThat(phaseAt(days(DUE, GRACE).minusMillis(1))).isEqualTo(ServicePhase.IN_GRACE);
    }

    @Test
    void unpaidServiceExpiresWhenGraceEnds() {
        assertThat(phaseAt(days(DUE, GRACE))).isEqualTo(ServicePhase.EXPIRE_NOW);
        assertThat(phaseAt(days(DUE, 365))).isEqualTo(ServicePhase.EXPIRE_NOW);
    }

    @Test
    void zeroGraceExpiresAtTheDueInstant() {
        assertThat(BillingRules.phase(DUE, DUE, LEAD, 0, TERMINATE, null)).isEqualTo(ServicePhase.EXPIRE_NOW);
    }

    @Test
    void expiredServiceIsTerminatedAfterTerminateDaysFromExpiryNotFromDueDate() {
        Instant expiredAt = days(DUE, 20); // the sweep was down: expiry came late
        assertThat(BillingRules.phase(days(expiredAt, TERMINATE).minusMillis(1), DUE, LEAD, GRACE, TERMINATE, expiredAt))
                .isEqualTo(ServicePhase.EXPIRED);
        assertThat(BillingRules.phase(days(expiredAt, TERMINATE), DUE, LEAD, GRACE, TERMINATE, expiredAt))
                .isEqualTo(ServicePhase.TERMINATE_NOW);
    }

    @Test
    void negativeDayCountsAreRefused() {
        assertThatThrownBy(() -> BillingRules.phase(DUE, DUE, LEAD, -1, TERMINATE, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("graceDays");
    }

    @Test
    void renewalIsIssuedLeadDaysBeforeTheDueDate() {
        assertThat(BillingRules.renewalIssueAt(DUE, 7)).isEqualTo(Instant.parse("2026-02-22T10:00:00Z"));
        assertThat(BillingRules.renewalIssueAt(DUE, 0)).isEqualTo(DUE);
    }

    @Test
    void paymentInsideGraceContinuesFromTheOldDueDate() {
        Period next = BillingRules.nextPeriodOnPayment(BillingPeriod.P1M, DUE, days(DUE, 2), false);

        assertThat(next).isEqualTo(new Period(DUE, Instant.parse("2026-04-01T10:00:00Z")));
    }

    @Test
    void earlyPaymentContinuesFromTheOldDueDate() {
        Period next = BillingRules.nextPeriodOnPayment(BillingPeriod.P1M, DUE, days(DUE, -5), false);

        assertThat(next.from()).isEqualTo(DUE);
    }

    @Test
    void paymentAfterExpiryStartsAtThePayment() {
        Instant paidAt = Instant.parse("2026-03-20T15:30:00Z");

        Period next = BillingRules.nextPeriodOnPayment(BillingPeriod.P1M, DUE, paidAt, true);

        assertThat(next).isEqualTo(new Period(paidAt, Instant.parse("2026-04-20T15:30:00Z")));
    }

    @Test
    void monthFromJanuary31EndsOnTheLastDayOfFebruary() {
        Instant jan31 = Instant.parse("2026-01-31T10:00:00Z");
        assertThat(BillingRules.nextPeriodOnPayment(BillingPeriod.P1M, jan31, jan31, false).to())
                .isEqualTo(Instant.parse("2026-02-28T10:00:00Z"));
        Instant leapJan31 = Instant.parse("2028-01-31T10:00:00Z");
        assertThat(BillingRules.nextPeriodOnPayment(BillingPeriod.P1M, leapJan31, leapJan31, false).to())
                .isEqualTo(Instant.parse("2028-02-29T10:00:00Z"));
    }

    @Test
    void yearFromFebruary29EndsOnFebruary28() {
        Instant feb29 = Instant.parse("2028-02-29T00:00:00Z");

        assertThat(BillingRules.nextPeriodOnPayment(BillingPeriod.P1Y, feb29, feb29, false).to())
                .isEqualTo(Instant.parse("2029-02-28T00:00:00Z"));
    }

    @Test
    void quarterFromNovember30CrossesTheYear() {
        Instant nov30 = Instant.parse("2026-11-30T23:59:59Z");

        assertThat(BillingPeriod.P3M.addTo(nov30)).isEqualTo(Instant.parse("2027-02-28T23:59:59Z"));
    }

    @Test
    void noReminderBeforeTheInvoiceIsIssued() {
        assertThat(BillingRules.reminderDue(days(DUE, -LEAD).minusMillis(1), DUE, LEAD)).isEmpty();
    }

    @Test
    void remindersComeAtIssueOneDayBeforeAndOnTheDueDate() {
        assertThat(BillingRules.reminderDue(days(DUE, -LEAD), DUE, LEAD)).contains(ReminderSlot.ISSUED);
        assertThat(BillingRules.reminderDue(days(DUE, -1).minusMillis(1), DUE, LEAD)).contains(ReminderSlot.ISSUED);
        assertThat(BillingRules.reminderDue(days(DUE, -1), DUE, LEAD)).contains(ReminderSlot.DUE_1D);
        assertThat(BillingRules.reminderDue(DUE, DUE, LEAD)).contains(ReminderSlot.DUE);
        assertThat(BillingRules.reminderDue(days(DUE, 2), DUE, LEAD)).contains(ReminderSlot.DUE);
    }

    @Test
    void sweepThatWasDownSendsOnlyTheLatestReminder() {
        Optional<ReminderSlot> slot = BillingRules.reminderDue(DUE.plusSeconds(60), DUE, LEAD);

        assertThat(slot).contains(ReminderSlot.DUE);
    }

    @Test
    void oneDayLeadFoldsTheDayBeforeReminderIntoTheIssueReminder() {
        assertThat(BillingRules.reminderDue(days(DUE, -1), DUE, 1)).contains(ReminderSlot.ISSUED);
        assertThat(BillingRules.reminderDue(DUE, DUE, 1)).contains(ReminderSlot.DUE);
        assertThat(BillingRules.reminderDue(DUE, DUE, 0)).contains(ReminderSlot.ISSUED);
    }

    @Test
    void reminderKeysNameServicePeriodAndSlot() {
        assertThat(ReminderSlot.DUE_1D.idempotencyKey(42, DUE)).isEqualTo("reminder:42:2026-03-01T10:00:00Z:due-1d");
        assertThat(ReminderSlot.ISSUED.key()).isEqualTo("issued");
        assertThat(ReminderSlot.DUE.key()).isEqualTo("due");
    }
}
