package org.hostr.provisioning.whm;

/**
 * The request reached WHM (or may have) but no complete answer came back: a read timeout, or the connection
 * dropped mid-call. The outcome is unknown. WHM carries on with a createacct after the client has gone
 * (FOSSBilling #1086), so the caller must look the account up rather than send the change again.
 */
public final class WhmTimeoutException extends WhmException {
    private final String function;

    WhmTimeoutException(String function, String message, Throwable cause) {
        super(message, cause);
        this.function = function;
    }

    public String function() {
        return function;
    }
}
