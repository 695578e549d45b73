package org.hostr.jobs;

import java.time.Duration;
import java.time.Instant;

/**
 * Work that recurs (renewal sweep, payment reconciler, drift check), run as an ordinary job of {@code kind} once per
 * slot of {@code interval}. Every instance enqueues it; the slot's idempotency key makes it one job.
 *
 * @param maxAttempts per run; a failed run is retried a little, the next slot tries again anyway
 */
public record PeriodicTask(String kind, Duration interval, int maxAttempts) {
    static final String KEY_PREFIX = "periodic:";

    public PeriodicTask {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("a periodic task needs a kind");
        }
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("periodic task " + kind + " needs an interval of at least 1 s, got " + interval);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("periodic task " + kind + " needs at least 1 attempt, got " + maxAttempts);
        }
    }

    public PeriodicTask(String kind, Duration interval) {
        this(kind, interval, 3);
    }

    /** Slots are counted from the epoch, so every instance computes the same slot for the same moment. */
    long slot(Instant now) {
        return Math.floorDiv(now.toEpochMilli(), interval.toMillis());
    }

    Instant slotStart(long slot) {
        return Instant.ofEpochMilli(slot * interval.toMillis());
    }

    String key(long slot) {
        return KEY_PREFIX + kind + ":" + slot;
    }
}
