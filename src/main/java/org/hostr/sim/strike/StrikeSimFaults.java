package org.hostr.sim.strike;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Switches that make the simulated Strike misbehave the ways the real one can. They apply to Strike API calls
 * ({@code /v1/…}), never to the simulator's own {@code /sim/…} routes. Settable from Java or over
 * {@code POST /sim/faults}.
 */
public final class StrikeSimFaults {
    private final AtomicInteger failRequests = new AtomicInteger();
    private final AtomicInteger failRequestsStatus = new AtomicInteger(500);
    private final AtomicInteger failAnswers = new AtomicInteger();
    private final AtomicInteger failAnswersStatus = new AtomicInteger(500);
    private final AtomicLong delayMillis = new AtomicLong();
    private final AtomicInteger delaysLeft = new AtomicInteger();
    private final AtomicBoolean dropWebhooks = new AtomicBoolean();
    private final AtomicInteger duplicateWebhooks = new AtomicInteger();
    private final AtomicBoolean reorderWebhooks = new AtomicBoolean();
    private final AtomicBoolean refuseOrFilters = new AtomicBoolean();
    private final Runnable releaseHeldWebhooks;

    StrikeSimFaults(Runnable releaseHeldWebhooks) {
        this.releaseHeldWebhooks = releaseHeldWebhooks;
    }

    /** The next {@code count} API calls are refused with {@code status} (500, 503, 429 …) before doing anything. */
    public void failNextRequests(int count, int status) {
        failRequestsStatus.set(status);
        failRequests.set(count);
    }

    /**
     * The next {@code count} API calls do their work and then answer {@code status}: the case where Strike created the
     * invoice but the answer was lost. This is what makes blind retries of POST /v1/invoices create duplicates.
     */
    public void failNextAnswers(int count, int status) {
        failAnswersStatus.set(status);
        failAnswers.set(count);
    }

    /** Every API answer waits this long after the work is done (pair with a short client read timeout). */
    public void delayResponses(Duration delay) {
        delayNextResponses(Integer.MAX_VALUE, delay);
    }

    /** Only the next {@code count} API answers wait: the call times out, the client's follow-up look-up does not. */
    public void delayNextResponses(int count, Duration delay) {
        delayMillis.set(delay.toMillis());
        delaysLeft.set(count);
    }

    /** Webhooks are not sent at all (events still appear in GET /v1/events, undelivered). */
    public void dropWebhooks(boolean drop) {
        dropWebhooks.set(drop);
    }

    /** Each webhook is sent {@code extraCopies} more times, with the same body and event id. */
    public void duplicateWebhooks(int extraCopies) {
        duplicateWebhooks.set(Math.max(0, extraCopies));
    }

    /** While on, webhooks are held back; turning it off sends the held ones newest first. */
    public void reorderWebhooks(boolean reorder) {
        if (!reorderWebhooks.getAndSet(reorder) || reorder) {
            return;
        }
        releaseHeldWebhooks.run();
    }

    /**
     * While on, a list call whose {@code $filter} has an {@code or} is refused with 403, as a web application firewall
     * in front of Strike is said to do (UNCONFIRMED in the spec); the simulator's way to test a client's fallback.
     */
    public void refuseOrFilters(boolean refuse) {
        refuseOrFilters.set(refuse);
    }

    /** Everything back to normal; held webhooks are released. */
    public void reset() {
        failNextRequests(0, 500);
        failNextAnswers(0, 500);
        delayResponses(Duration.ZERO);
        dropWebhooks(false);
        duplicateWebhooks(0);
        reorderWebhooks(false);
        refuseOrFilters(false);
    }

    OptionalInt takeRequestFailure() {
        return take(failRequests, failRequestsStatus);
    }

    OptionalInt takeAnswerFailure() {
        return take(failAnswers, failAnswersStatus);
    }

    long delayMillis() {
        return delaysLeft.get() > 0 ? delayMillis.get() : 0;
    }

    long takeDelayMillis() {
        int before = delaysLeft.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1));
        return before > 0 ? delayMillis.get() : 0;
    }

    boolean droppingWebhooks() {
        return dropWebhooks.get();
    }

    int webhookDuplicates() {
        return duplicateWebhooks.get();
    }

    boolean refusingOrFilters() {
        return refuseOrFilters.get();
    }

    boolean reorderingWebhooks() {
        return reorderWebhooks.get();
    }

    int pendingRequestFailures() {
        return failRequests.get();
    }

    int pendingAnswerFailures() {
        return failAnswers.get();
    }

    private static OptionalInt take(AtomicInteger remaining, AtomicInteger status) {
        int before = remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0);
        return before > 0 ? OptionalInt.of(status.get()) : OptionalInt.empty();
    }
}
