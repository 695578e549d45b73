package org.hostr.nostr.relay;

import org.hostr.nostr.NostrEvent;

/**
 * NIP-01's rule for replaceable events (kind 0 among them): the newest {@code created_at} wins, and on a tie the
 * lowest id, so every client that sees the same events picks the same one.
 */
final class ReplaceableOrder {
    private ReplaceableOrder() {
    }

    static boolean isNewer(NostrEvent candidate, NostrEvent current) {
        if (candidate.createdAt() != current.createdAt()) {
            return candidate.createdAt() > current.createdAt();
        }
        return candidate.id().compareTo(current.id()) < 0;
    }

    static NostrEvent newest(NostrEvent a, NostrEvent b) {
        return isNewer(b, a) ? b : a;
    }
}
