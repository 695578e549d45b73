package org.hostr.nostr.relay;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.hostr.nostr.NostrEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks up where a customer receives private messages: their newest validly signed kind 10050 list, asked of the
 * given relays in parallel, within the timeout. Never throws for anything a relay does.
 */
public final class DmRelayListFetcher {
    private static final Logger log = LoggerFactory.getLogger(DmRelayListFetcher.class);

    private final ReplaceableEventFetcher fetcher;

    /** Build one for the application and keep it: each has its own {@link RelayClient} and dispatcher threads. */
    public DmRelayListFetcher(OkHttpClient http) {
        this(new RelayClient(http));
    }

    public DmRelayListFetcher(RelayClient relays) {
        this.fetcher = new ReplaceableEventFetcher(relays);
    }

    /**
     * @param pubkeyHex  the customer's public key, 64 lowercase hex characters
     * @param lookupRelays where to ask (the shop's own relays, the customer's NIP-65 or NIP-05 relays)
     * @return the list, or empty when no relay had one in time; a list may also come back with no usable relay
     */
    public Optional<DmRelayList> fetch(String pubkeyHex, List<String> lookupRelays, Duration timeout) {
        Optional<NostrEvent> newest = fetcher.fetchNewest(pubkeyHex, DmRelayList.KIND, lookupRelays, timeout);
        Optional<DmRelayList> list = newest.map(DmRelayList::fromEvent);
        log.debug("DM relays of {}: {}", pubkeyHex, list.map(l -> l.relays().toString()).orElse("no list"));
        return list;
    }
}
