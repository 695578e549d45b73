package org.hostr.provisioning;

import java.time.Duration;
import org.hostr.jobs.PermanentJobException;
import org.hostr.jobs.RetryableJobException;
import org.hostr.provisioning.whm.WhmAuthException;
import org.hostr.provisioning.whm.WhmCallFailedException;
import org.hostr.provisioning.whm.WhmException;
import org.hostr.provisioning.whm.WhmFailureKind;
import org.hostr.provisioning.whm.WhmTimeoutException;

/** How a WHM failure ends a job attempt: retried later, or DEAD at once when only an operator can fix it. */
final class WhmJobErrors {
    /** After a timeout WHM may still be working on the change: look again soon, not after a long backoff. */
    static final Duration AFTER_TIMEOUT = Duration.ofSeconds(30);

    private WhmJobErrors() {
    }

    /**
     * A refused token (and a token without the function's ACL) fails every attempt the same way, so the job goes DEAD
     * after one attempt instead of knocking on WHM ten times; timeouts, unreachable servers and other refusals retry.
     */
    static Exception forJob(String what, WhmException e) {
        if (e instanceof WhmAuthException) {
            return new PermanentJobException(what + ": " + e.getMessage()
                    + " (the server's API token or user was refused: fix them in admin → servers, then retry this job)", e);
        }
        if (e instanceof WhmCallFailedException failed && failed.kind() == WhmFailureKind.PERMISSION_DENIED) {
            return new PermanentJobException(what + ": " + e.getMessage()
                    + " (the API token lacks the privilege for " + failed.function() + ": give it in WHM » Manage API Tokens)", e);
        }
        if (e instanceof WhmTimeoutException) {
            return new RetryableJobException(what + ": " + e.getMessage(), AFTER_TIMEOUT, e);
        }
        return new RetryableJobException(what + ": " + e.getMessage(), e);
    }
}
