package org.hostr.nostr;

/**
 * Untrusted Nostr input (an event, a header, an npub) could not be read. Checked on purpose: every caller holds
 * input from outside and must decide what to answer. {@link #code()} is stable and safe to show or log; the message
 * names the field and what was wrong with it.
 */
public abstract class NostrException extends Exception {
    protected NostrException(String message) {
        super(message);
    }

    protected NostrException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A short machine-readable reason, e.g. {@code malformed_event}. */
    public abstract String code();
}
