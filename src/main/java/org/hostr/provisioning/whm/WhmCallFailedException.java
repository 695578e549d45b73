package org.hostr.provisioning.whm;

/**
 * WHM answered {@code metadata.result = 0}. WHM reports failure with HTTP 200, so this is the common failure.
 * {@link #kind()} sorts the free-text reason into the cases a caller branches on.
 */
public final class WhmCallFailedException extends WhmException {
    private final String function;
    private final String reason;
    private final WhmFailureKind kind;

    WhmCallFailedException(String server, String function, String reason) {
        super("WHM " + server + " refused " + function + ": " + reason, null);
        this.function = function;
        this.reason = reason;
        this.kind = WhmFailureKind.of(reason);
    }

    public String function() {
        return function;
    }

    /** {@code metadata.reason} as WHM wrote it, XID prefix and typographic quotes included. */
    public String reason() {
        return reason;
    }

    public WhmFailureKind kind() {
        return kind;
    }

    /** The account named in the call is not on the server; for removeacct the caller may count that as done. */
    public boolean isNoSuchAccount() {
        return kind == WhmFailureKind.NO_SUCH_ACCOUNT;
    }
}
