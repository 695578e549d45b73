package org.hostr.drills;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for what background work (jobs, webhooks) brings about, by polling rather than sleeping a fixed time. */
final class Eventually {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private Eventually() {
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within " + LIMIT.toSeconds() + " s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
