package org.hostr.jobs;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure worth trying again (a timeout, HTTP 5xx, 429). Any other exception is retried the same way; this one
 * can also carry the provider's own Retry-After.
 */
public class RetryableJobException extends Exception {
    private final Duration retryAfter;

    public RetryableJobException(String message) {
        this(message, null, null);
    }

    public RetryableJobException(String message, Throwable cause) {
        this(message, null, cause);
    }

    public RetryableJobException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** When present, the next attempt waits this long instead of the backoff delay. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
