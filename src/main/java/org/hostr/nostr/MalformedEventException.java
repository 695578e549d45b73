package org.hostr.nostr;

/** The text is not a well-formed NIP-01 event (or NIP-98 header): bad JSON, a missing field, a wrong type, bad hex. */
public final class MalformedEventException extends NostrException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return "malformed_event";
    }
}
