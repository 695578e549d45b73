package org.hostr.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Real time plus an offset that tests move forward (like org.hostr.time.MovableClock, which this test package cannot
 * compile against on its own: its package also holds web routes).
 */
final class TestClock extends Clock {
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    void advance(Duration by) {
        offset.updateAndGet(current -> current.plus(by));
    }

    /** Moves forward to {@code when}; does nothing if the clock already reads later. */
    void advanceTo(Instant when) {
        Duration ahead = Duration.between(instant(), when);
        if (!ahead.isNegative()) {
            advance(ahead);
        }
    }

    @Override
    public Instant instant() {
        return Clock.systemUTC().instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
