package org.hostr.payments.strike;

/**
 * Any failure talking to Strike. Catch a subclass to act: {@link StrikeApiException} (Strike said no — do not
 * retry as is), {@link StrikeAuthException} (fix the key or its scopes), {@link StrikeUnavailableException} (no
 * answer; a write may or may not have happened — ask Strike again later).
 *
 * <p>Messages never contain the API key.
 */
public abstract class StrikeException extends RuntimeException {
    private final int status;
    private final String code;
    private final String traceId;

    protected StrikeException(String message, int status, String code, String traceId, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
        this.traceId = traceId;
    }

    /** HTTP status, or 0 when no HTTP answer arrived (timeout, refused connection). */
    public int status() {
        return status;
    }

    /** Strike's machine-readable code (e.g. {@code NOT_FOUND}), or {@code API_UNAVAILABLE} for a non-JSON answer. */
    public String code() {
        return code;
    }

    /** Strike's trace id for support requests; null when absent. */
    public String traceId() {
        return traceId;
    }
}
