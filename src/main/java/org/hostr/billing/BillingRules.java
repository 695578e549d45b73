package org.hostr.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.hostr.catalog.BillingPeriod;

/**
 * Pure rules of the renewal cycle: where a service stands given its dates, when its renewal invoice is issued, which
 * period a payment buys, and which reminder is due. No database, no HTTP, no clock: the caller passes {@code now}.
 *
 * <p>A service's phase is computed from its dates, never stored and patched (see STYLE.md, BTCPay). Day counts are
 * whole 24-hour days in UTC; billing periods are calendar months in UTC ({@link BillingPeriod#addTo}).
 */
public final class BillingRules {
    private BillingRules() {
    }

    /** Where a service stands in its billing cycle; the sweep acts on EXPIRE_NOW and TERMINATE_NOW. */
    public enum ServicePhase {
        /** Paid up, renewal not yet issued. */
        ACTIVE,
        /** Inside the renewal lead: the renewal invoice is (or should be) out, the due date not yet reached. */
        DUE,
        /** Past the due date, still inside grace: unpaid, but the account stays up. */
        IN_GRACE,
        /** Past due + grace and not yet expired: suspend on WHM (reason: non-payment) and mark EXPIRED. */
        EXPIRE_NOW,
        /** Expired, waiting for payment; not yet long enough to terminate. */
        EXPIRED,
        /** Expired for terminate_after_days or more: remove the account. */
        TERMINATE_NOW
    }

    /** The paid time a settled invoice adds to a service: {@code [from, to)}. */
    public record Period(Instant from, Instant to) {
        public Period {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException("a period must end after it starts: " + from + " .. " + to);
            }
        }
    }

    /**
     * The phase of a service that has a due date (PENDING services have none and no phase).
     *
     * <p>Boundaries: DUE from {@code renewalIssueAt} inclusive; IN_GRACE from {@code nextDueAt} inclusive; EXPIRE_NOW
     * from {@code nextDueAt + graceDays} inclusive (grace 0 expires at the due instant); TERMINATE_NOW from
     * {@code expiredAt + terminateAfterDays} inclusive. Termination counts from the actual expiry, not the due date: a
     * sweep that was down for a week must suspend first and give the customer the full window before removing data.
     *
     * @param expiredAt when the service became EXPIRED, or null if it is not expired
     */
    public static ServicePhase phase(Instant now, Instant nextDueAt, int leadDays, int graceDays, int terminateAfterDays,
                                     Instant expiredAt) {
        Objects.requireNonNull(now, "now");
        requireDays("leadDays", leadDays);
        requireDays("graceDays", graceDays);
        requireDays("terminateAfterDays", terminateAfterDays);
        if (expiredAt != null) {
            return now.isBefore(expiredAt.plus(Duration.ofDays(terminateAfterDays)))
                    ? ServicePhase.EXPIRED : ServicePhase.TERMINATE_NOW;
        }
        Objects.requireNonNull(nextDueAt, "nextDueAt (a service without a due date has no billing phase)");
        if (now.isBefore(renewalIssueAt(nextDueAt, leadDays))) {
            return ServicePhase.ACTIVE;
        }
        if (now.isBefore(nextDueAt)) {
            return ServicePhase.DUE;
        }
        if (now.isBefore(nextDueAt.plus(Duration.ofDays(graceDays)))) {
            return ServicePhase.IN_GRACE;
        }
        return ServicePhase.EXPIRE_NOW;
    }

    /** When the renewal invoice for the period starting at {@code nextDueAt} is issued: {@code leadDays} before. */
    public static Instant renewalIssueAt(Instant nextDueAt, int leadDays) {
        requireDays("leadDays", leadDays);
        return nextDueAt.minus(Duration.ofDays(leadDays));
    }

    /**
     * The period a paid renewal buys. Paid early or within grace (service not EXPIRED): it continues from the old due
     * date, so paying late inside grace does not shift the billing day. Paid after the service EXPIRED: it starts at
     * the payment, because customers pay only for time they can use (the account was suspended in between).
     */
    public static Period nextPeriodOnPayment(BillingPeriod period, Instant nextDueAt, Instant paidAt, boolean expired) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(nextDueAt, "nextDueAt");
        Objects.requireNonNull(paidAt, "paidAt");
        Instant from = expired && paidAt.isAfter(nextDueAt) ? paidAt : nextDueAt;
        return new Period(from, period.addTo(from));
    }

    /** The reminders of one renewal invoice; {@link #key()} is stable so each is sent once per service period. */
    public enum ReminderSlot {
        ISSUED("issued"), DUE_1D("due-1d"), DUE("due");

        private final String key;

        ReminderSlot(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        /** E.g. {@code reminder:42:2026-03-01T10:00:00Z:due-1d}: an idempotency key for the job that sends it. */
        public String idempotencyKey(long serviceId, Instant nextDueAt) {
            return "reminder:" + serviceId + ":" + nextDueAt + ":" + key;
        }

        Instant at(Instant nextDueAt, int leadDays) {
            return switch (this) {
                case ISSUED -> renewalIssueAt(nextDueAt, leadDays);
                case DUE_1D -> nextDueAt.minus(Duration.ofDays(1));
                case DUE -> nextDueAt;
            };
        }
    }

    /**
     * The reminder to send now for an unpaid renewal invoice, if any: the latest slot whose time has come. Slots are
     * at issue time, one day before and on the due date. Returning only the latest means a sweep that was down does
     * not send three messages at once; the caller sends it with {@link ReminderSlot#idempotencyKey} so it goes once.
     * A slot at or before the issue time is folded into "issued" (with lead 1 day, "due-1d" is the issue reminder;
     * there is nothing to remind of before the invoice exists).
     */
    public static Optional<ReminderSlot> reminderDue(Instant now, Instant nextDueAt, int leadDays) {
        Instant issuedAt = renewalIssueAt(nextDueAt, leadDays);
        if (now.isBefore(issuedAt)) {
            return Optional.empty();
        }
        ReminderSlot latest = ReminderSlot.ISSUED;
        for (ReminderSlot slot : new ReminderSlot[] {ReminderSlot.DUE_1D, ReminderSlot.DUE}) {
            Instant at = slot.at(nextDueAt, leadDays);
            if (at.isAfter(issuedAt) && !now.isBefore(at)) {
                latest = slot;
            }
        }
        return Optional.of(latest);
    }

    private static void requireDays(String name, int days) {
        if (days < 0) {
            throw new IllegalArgumentException(name + " must be 0 or more, was " + days);
        }
    }
}
