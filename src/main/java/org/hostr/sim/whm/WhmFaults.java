package org.hostr.sim.whm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;

/**
 * Switches that make the simulated WHM misbehave the ways real ones do (spec §2.1 partial failures). Set from
 * Java through {@link WhmSimulator#faults()} or over HTTP at {@code /sim/faults}. Thread-safe.
 */
public final class WhmFaults {

    /** How an injected failure looks. */
    public enum FailMode {
        /** HTTP 200 with metadata.result = 0, as WHM reports its own failures. */
        RESULT_0,
        /** HTTP 503 from in front of WHM (a proxy, cpsrvd restarting). */
        HTTP_503
    }

    private long createDelayMillis;
    private boolean halfCreateNext;
    private int failRemaining;
    private FailMode failMode = FailMode.RESULT_0;

    /**
     * Makes every createacct that passes validation answer only after {@code delay}. The account is stored before
     * the wait, so a client that gives up still leaves an account behind: the "timeout hides a success" case.
     */
    public synchronized WhmFaults slowCreate(Duration delay) {
        createDelayMillis = Math.max(0, delay.toMillis());
        return this;
    }

    /** The next createacct stores the account but answers result 0 "Sorry, a group for that username already exists." */
    public synchronized WhmFaults halfCreateNext() {
        halfCreateNext = true;
        return this;
    }

    /** The next {@code calls} authenticated WHM calls fail the given way and change nothing. */
    public synchronized WhmFaults failNext(int calls, FailMode mode) {
        failRemaining = Math.max(0, calls);
        failMode = mode;
        return this;
    }

    public synchronized void reset() {
        createDelayMillis = 0;
        halfCreateNext = false;
        failRemaining = 0;
        failMode = FailMode.RESULT_0;
    }

    synchronized long createDelayMillis() {
        return createDelayMillis;
    }

    synchronized boolean takeHalfCreate() {
        boolean take = halfCreateNext;
        halfCreateNext = false;
        return take;
    }

    synchronized Optional<FailMode> takeFailure() {
        if (failRemaining == 0) {
            return Optional.empty();
        }
        failRemaining--;
        return Optional.of(failMode);
    }

    synchronized ObjectNode describe() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("create_delay_ms", createDelayMillis);
        node.put("half_create_next", halfCreateNext ? 1 : 0);
        node.put("fail_next", failRemaining);
        node.put("fail_mode", failMode == FailMode.RESULT_0 ? "result0" : "http503");
        return node;
    }
}
