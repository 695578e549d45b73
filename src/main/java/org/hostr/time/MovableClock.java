package org.hostr.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that runs with real time from an offset that can only be moved forward. Used by `demo` and tests (with
 * [dev] test_clock) to live through a year of billing in seconds; production uses the system clock.
 */
public final class MovableClock extends Clock {
    private final Clock base;
    private final AtomicReference<java.time.Duration> offset = new AtomicReference<>(java.time.Duration.ZERO);

    public MovableClock(Clock base) {
        this.base = base;
    }

    public static MovableClock systemUtc() {
        return new MovableClock(Clock.systemUTC());
    }

    /** Moves the clock so that it now reads {@code target}; refuses to go back in time. */
    public synchronized Instant moveTo(Instant target) {
        Instant now = instant();
        if (target.isBefore(now)) {
            throw new IllegalArgumentException("the clock only moves forward: it reads " + now + ", asked for " + target);
        }
        offset.set(offset.get().plus(java.time.Duration.between(now, target)));
        return instant();
    }

    public Instant advance(java.time.Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        return moveTo(instant().plus(by));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new IllegalArgumentException("Hostr keeps time in UTC, asked for " + zone);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }
}
