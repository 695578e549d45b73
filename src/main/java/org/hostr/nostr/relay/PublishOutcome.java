package org.hostr.nostr.relay;

/** What one relay did with an event we published. */
public sealed interface PublishOutcome {

    /** The relay stored it: {@code ["OK", id, true, message]} (the message may say "duplicate: …"). */
    record Accepted(String message) implements PublishOutcome {
    }

    /** The relay refused it: {@code ["OK", id, false, message]}, e.g. "auth-required: …" or "blocked: …". */
    record Rejected(String message) implements PublishOutcome {
    }

    /**
     * No verdict before the deadline. The relay may still have stored the event, so publishing the same event again
     * is the safe retry (a relay answers "duplicate" for one it has). {@code lastNotice} is the last NOTICE the relay
     * sent meanwhile (often the real reason, e.g. a rate limit), or null.
     */
    record TimedOut(String lastNotice) implements PublishOutcome {
    }

    /** No verdict, for a known reason: not reachable, closed on us, or it sent something we cannot accept. */
    record Failed(String reason) implements PublishOutcome {
    }
}
