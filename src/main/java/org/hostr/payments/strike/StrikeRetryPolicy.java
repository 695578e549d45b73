package org.hostr.payments.strike;

import java.time.Duration;

/**
 * How hard the client tries before giving up with {@link StrikeUnavailableException}: at most {@code maxAttempts}
 * calls, waiting {@code baseBackoff × 2^(n-1)} (capped at {@code maxBackoff}) with jitter between them.
 */
public record StrikeRetryPolicy(int maxAttempts, Duration baseBackoff, Duration maxBackoff) {

    public StrikeRetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, found " + maxAttempts);
        }
        if (baseBackoff.isNegative() || maxBackoff.compareTo(baseBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= base <= max, found " + baseBackoff + ", " + maxBackoff);
        }
    }

    /** Four attempts over about two seconds: enough for a blip, short enough for a customer waiting on a pay page. */
    public static StrikeRetryPolicy defaults() {
        return new StrikeRetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(5));
    }

    /**
     * The pause after the {@code failedAttempts}-th failure. Jitter keeps several Hostr instances that failed together
     * from retrying together: the wait is drawn from [half, full] of the exponential step.
     *
     * @param jitter a number in [0, 1)
     */
    public Duration backoff(int failedAttempts, double jitter) {
        long step = baseBackoff.toMillis() << Math.min(failedAttempts - 1, 20);
        long capped = Math.min(step, maxBackoff.toMillis());
        return Duration.ofMillis(capped / 2 + (long) (capped / 2.0 * jitter));
    }
}
