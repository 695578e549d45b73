package org.hostr.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.hostr.nostr.relay.DmRelayList;
import org.hostr.nostr.relay.DmRelayListFetcher;

/**
 * Where a recipient reads private messages: the relays of their newest validly signed kind 10050 list, looked up on
 * the shop's relays (and the login relays, where customers' profiles live). A list signed by any other key is not
 * theirs and is ignored by the fetcher, so a forged list cannot divert a customer's notices.
 */
final class Inboxes {

    /** Where to publish a notice, or why nowhere. */
    sealed interface Destination {
        /** @param source for the outbox's record: "kind 10050" or "configured relays" */
        record Relays(List<String> urls, String source) implements Destination {
        }

        record Nowhere(String reason) implements Destination {
        }
    }

    private final DmRelayListFetcher fetcher;
    private final List<String> shopRelays;
    private final List<String> lookupRelays;
    private final boolean fallbackToShopRelays;
    private final Duration timeout;

    Inboxes(DmRelayListFetcher fetcher, List<String> shopRelays, List<String> loginRelays, boolean fallbackToShopRelays,
            Duration timeout) {
        this.fetcher = fetcher;
        this.shopRelays = List.copyOf(shopRelays);
        LinkedHashSet<String> lookup = new LinkedHashSet<>(shopRelays);
        lookup.addAll(loginRelays);
        this.lookupRelays = List.copyOf(new ArrayList<>(lookup));
        this.fallbackToShopRelays = fallbackToShopRelays;
        this.timeout = timeout;
    }

    /** Asked at every attempt, not stored: a customer who publishes a list between two attempts gets it there. */
    Destination of(String recipientPubkey) {
        Optional<DmRelayList> list = lookupRelays.isEmpty() ? Optional.empty()
                : fetcher.fetch(recipientPubkey, lookupRelays, timeout);
        if (list.isPresent() && !list.get().relays().isEmpty()) {
            return new Destination.Relays(list.get().relays(), "kind 10050");
        }
        // NIP-17 asks not to send to someone without a kind 10050 list. Few people publish one yet, so a shop that
        // followed that strictly would reach almost nobody: by default the shop's own relays stand in, where any
        // client that follows the shop (or is pointed at them) finds the message. notify.fallback_to_configured_relays
        // = false keeps to the letter of the spec.
        if (!fallbackToShopRelays) {
            return new Destination.Nowhere("the recipient publishes no DM relay list (kind 10050) and"
                    + " notify.fallback_to_configured_relays is false");
        }
        if (shopRelays.isEmpty()) {
            return new Destination.Nowhere("nowhere to send: the recipient publishes no DM relay list (kind 10050)"
                    + " and notify.relays is empty");
        }
        return new Destination.Relays(shopRelays, "configured relays (no kind 10050 list found)");
    }
}
