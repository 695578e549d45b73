package org.hostr.jobs;

import java.time.Instant;

/**
 * Not a failure: "not yet, look again at {@code runAt}" (a payment still pending, an account still being created).
 * The job goes back to QUEUED and the attempt is not counted.
 */
public class RescheduleJobException extends RuntimeException {
    private final Instant runAt;

    public RescheduleJobException(Instant runAt, String reason) {
        super(reason, null, false, false);
        this.runAt = runAt;
    }

    public Instant runAt() {
        return runAt;
    }
}
