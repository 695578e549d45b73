package org.hostr.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.hostr.catalog.Plan;
import org.hostr.web.ApiError;

/**
 * What a mid-period change from one plan to another costs or credits. Pure: no database, no clock.
 *
 * <p>The rule, exactly:
 * <ul>
 *   <li>{@code periodDays} = whole days from period_start to next_due_at (periods come from
 *       {@link org.hostr.catalog.BillingPeriod#addTo}, so they are whole days: 28..31 for a month, 365/366 for a year);</li>
 *   <li>{@code daysLeft} = whole days from now to next_due_at, rounded down: the day in progress stays on the old
 *       plan; clamped to {@code 0..periodDays};</li>
 *   <li>amount = |price_to − price_from| × daysLeft / periodDays, computed with BigDecimal and rounded half-even to
 *       minor units;</li>
 *   <li>a dearer plan gives a charge (an UPGRADE invoice), a cheaper one a credit to the customer's balance; never
 *       a negative amount.</li>
 * </ul>
 * Example: $5.00 → $12.00 monthly, 15 of 30 days left: 700 × 15 / 30 = 350 cents.
 *
 * <p>Only plans with the same currency and period can be prorated; anything else is a 422 {@code plan_change_unsupported}.
 */
public final class Proration {
    private static final long DAY_SECONDS = Duration.ofDays(1).toSeconds();

    private Proration() {
    }

    /** A prorated plan change; exactly one of charge and credit is non-zero, or both are zero. */
    public record Change(long chargeMinor, long creditMinor, String currency, long daysLeft, long periodDays) {
        public boolean isUpgrade() {
            return chargeMinor > 0;
        }
    }

    /** The charge or credit for moving from {@code current} to {@code target} at {@code now}. */
    public static Change planChange(Plan current, Plan target, Instant periodStart, Instant nextDueAt, Instant now) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(target, "target");
        if (!current.currency().equals(target.currency())) {
            throw unsupported("plan " + target.slug() + " is priced in " + target.currency() + " and plan "
                    + current.slug() + " in " + current.currency() + "; change between plans of one currency");
        }
        if (current.period() != target.period()) {
            throw unsupported("plan " + target.slug() + " bills " + target.period().adjective() + " and plan "
                    + current.slug() + " " + current.period().adjective() + "; change between plans of one billing period");
        }
        long periodDays = periodDays(periodStart, nextDueAt);
        long daysLeft = daysLeft(now, nextDueAt, periodDays);
        long difference = Math.subtractExact(target.priceMinor(), current.priceMinor());
        long amount = prorate(Math.abs(difference), daysLeft, periodDays);
        return difference > 0
                ? new Change(amount, 0, current.currency(), daysLeft, periodDays)
                : new Change(0, amount, current.currency(), daysLeft, periodDays);
    }

    /** {@code amountMinor × daysLeft / periodDays}, rounded half-even to minor units. */
    public static long prorate(long amountMinor, long daysLeft, long periodDays) {
        if (amountMinor < 0 || daysLeft < 0 || periodDays <= 0 || daysLeft > periodDays) {
            throw new IllegalArgumentException("cannot prorate " + amountMinor + " for " + daysLeft + " of " + periodDays + " days");
        }
        return BigDecimal.valueOf(amountMinor).multiply(BigDecimal.valueOf(daysLeft))
                .divide(BigDecimal.valueOf(periodDays), 0, RoundingMode.HALF_EVEN)
                .longValueExact();
    }

    /** Whole days from period start to due date; at least one. */
    public static long periodDays(Instant periodStart, Instant nextDueAt) {
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(nextDueAt, "nextDueAt");
        long days = Duration.between(periodStart, nextDueAt).toSeconds() / DAY_SECONDS;
        if (days < 1) {
            throw new IllegalArgumentException("a billing period must last at least a day: " + periodStart + " .. " + nextDueAt);
        }
        return days;
    }

    /** Whole days from now to the due date, rounded down, within {@code 0..periodDays}. */
    public static long daysLeft(Instant now, Instant nextDueAt, long periodDays) {
        long seconds = Duration.between(now, nextDueAt).toSeconds();
        return Math.min(periodDays, Math.max(0, seconds / DAY_SECONDS));
    }

    private static ApiError unsupported(String message) {
        return ApiError.unprocessable("plan_change_unsupported", message);
    }
}
