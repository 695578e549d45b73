package org.hostr.nostr.relay;

import org.hostr.nostr.NostrEvent;

/**
 * One message from a relay to us (NIP-01), as {@link RelayFrameReader} understood it.
 */
sealed interface RelayFrame {

    /** {@code ["EVENT", subId, event]}; the event is well formed but not yet verified. */
    record Event(String subscriptionId, NostrEvent event) implements RelayFrame {
    }

    /** {@code ["EOSE", subId]}: the relay has sent every stored event that matches. */
    record EndOfStoredEvents(String subscriptionId) implements RelayFrame {
    }

    /** {@code ["CLOSED", subId, message]}: the relay refused or ended the subscription (e.g. "auth-required: …"). */
    record Closed(String subscriptionId, String message) implements RelayFrame {
    }

    /** {@code ["NOTICE", message]}: a human-readable message, usually an error about what we sent. */
    record Notice(String message) implements RelayFrame {
    }

    /** {@code ["OK", eventId, accepted, message]}: the relay's verdict on an event we published (NIP-01). */
    record Ok(String eventId, boolean accepted, String message) implements RelayFrame {
    }

    /** {@code ["AUTH", challenge]}: the relay offers NIP-42 authentication; we never answer it. */
    record Auth(String challenge) implements RelayFrame {
    }

    /** Not JSON, not a known message, or a known message with the wrong shape. */
    record Unreadable(String why) implements RelayFrame {
    }
}
