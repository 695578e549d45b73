package org.hostr.jobs;

import java.time.Duration;

/**
 * Delay before the next attempt: base × factor^(failures − 1), at most cap, spread by ±jitter so that jobs that
 * failed together (WHM down for everyone) do not all come back in the same second.
 *
 * @param jitter a fraction, 0.2 means ±20%
 */
public record RetryPolicy(Duration base, double factor, Duration cap, double jitter) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(5), 2.0, Duration.ofHours(1), 0.2);

    public RetryPolicy {
        if (base.isNegative() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("retry policy needs 0 ≤ base ≤ cap, got base " + base + ", cap " + cap);
        }
        if (factor < 1.0) {
            throw new IllegalArgumentException("retry policy factor must be at least 1, got " + factor);
        }
        if (jitter < 0.0 || jitter >= 1.0) {
            throw new IllegalArgumentException("retry policy jitter must be in [0, 1), got " + jitter);
        }
    }

    /**
     * @param failedAttempts how many attempts have failed so far, at least 1
     * @param random         a number in [0, 1) that picks the point in the jitter range
     */
    public Duration delayAfter(int failedAttempts, double random) {
        double raw = base.toMillis() * Math.pow(factor, Math.max(0, failedAttempts - 1));
        double capped = Math.min(raw, cap.toMillis());
        double spread = capped * (1.0 + jitter * (2.0 * random - 1.0));
        return Duration.ofMillis(Math.round(Math.min(spread, cap.toMillis())));
    }
}
