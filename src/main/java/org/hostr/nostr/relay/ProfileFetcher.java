package org.hostr.nostr.relay;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.hostr.nostr.NostrEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a customer's profile (kind 0) from relays, all at once: the newest validly signed one wins, and the fetch
 * never takes longer than the timeout given. Never throws for anything a relay does.
 */
public final class ProfileFetcher {
    private static final Logger log = LoggerFactory.getLogger(ProfileFetcher.class);
    /** Relay lists can come from the customer (NIP-65, NIP-05); this bounds the connections one fetch opens. */
    public static final int MAX_RELAYS = RelayUrls.MAX_RELAYS;
    private static final int PROFILE_KIND = 0;

    private final ReplaceableEventFetcher fetcher;

    /** Build one for the application and keep it: each has its own {@link RelayClient} and dispatcher threads. */
    public ProfileFetcher(OkHttpClient http) {
        this(new RelayClient(http));
    }

    public ProfileFetcher(RelayClient relays) {
        this.fetcher = new ReplaceableEventFetcher(relays);
    }

    /**
     * Asks every relay in parallel and waits at most {@code timeout} in total.
     *
     * @param pubkeyHex the customer's public key, 64 lowercase hex characters
     * @param relayUrls ws:// or wss:// URLs; others, duplicates and any beyond {@link #MAX_RELAYS} are skipped
     * @return the newest valid profile, or empty when no relay had one in time
     */
    public Optional<Profile> fetch(String pubkeyHex, List<String> relayUrls, Duration timeout) {
        Optional<NostrEvent> newest = fetcher.fetchNewest(pubkeyHex, PROFILE_KIND, relayUrls, timeout);
        log.debug("profile of {} from {} relays: {}", pubkeyHex, relayUrls.size(),
                newest.map(e -> "event " + e.id() + " of " + e.createdAt()).orElse("none"));
        return newest.map(Profile::fromMetadata);
    }
}
