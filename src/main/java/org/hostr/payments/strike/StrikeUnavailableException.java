package org.hostr.payments.strike;

/**
 * No usable answer from Strike after all attempts: 429, 5xx, a non-JSON page from a proxy, a timeout or a refused
 * connection. For a write the outcome is unknown when {@link #mayHaveBeenProcessed()} is true: record the payment as
 * PENDING and let the reconciler ask Strike again.
 */
public class StrikeUnavailableException extends StrikeException {
    private final boolean mayHaveBeenProcessed;
    private final long retryAfterSeconds;

    public StrikeUnavailableException(String message, int status, String code, String traceId,
                                      boolean mayHaveBeenProcessed, long retryAfterSeconds, Throwable cause) {
        super(message, status, code, traceId, cause);
        this.mayHaveBeenProcessed = mayHaveBeenProcessed;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** False only when Strike surely did nothing: a refused connection or a 429. */
    public boolean mayHaveBeenProcessed() {
        return mayHaveBeenProcessed;
    }

    /** Seconds from a {@code Retry-After} header, or 0 when there was none (Strike does not document one). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
