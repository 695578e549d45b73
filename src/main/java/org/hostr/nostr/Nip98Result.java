package org.hostr.nostr;

import java.util.Objects;

/** The outcome of a NIP-98 check: the verified event, or the first check it failed. */
public sealed interface Nip98Result {

    /** All checks passed: the event's pubkey signed a request for this URL and method, just now. */
    record Accepted(NostrEvent event) implements Nip98Result {
        public Accepted {
            Objects.requireNonNull(event, "event");
        }
    }

    /** The first failed check, with a detail for DEBUG logs (it may quote event data; never show it at INFO). */
    record Rejected(Nip98Failure failure, String detail) implements Nip98Result {
        public Rejected {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(detail, "detail");
        }
    }

    default boolean accepted() {
        return this instanceof Accepted;
    }
}
