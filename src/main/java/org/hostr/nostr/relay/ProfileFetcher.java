package org.hostr.nostr.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.OkHttpClient;
import org.hostr.nostr.Hex;
import org.hostr.nostr.NostrEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a customer's profile (kind 0) from relays, all at once. The answer is the newest event, across all relays,
 * whose id and signature check out; a relay that is down, slow, or sends junk only costs its own share, and the whole
 * fetch never takes longer than the timeout given. Never throws for anything a relay does.
 */
public final class ProfileFetcher {
    private static final Logger log = LoggerFactory.getLogger(ProfileFetcher.class);
    /** Relay lists can come from the customer (NIP-65, NIP-05); this bounds the connections one fetch opens. */
    public static final int MAX_RELAYS = 16;

    private final RelayClient relays;

    /** Build one for the application and keep it: each has its own {@link RelayClient} and dispatcher threads. */
    public ProfileFetcher(OkHttpClient http) {
        this(new RelayClient(http));
    }

    public ProfileFetcher(RelayClient relays) {
        this.relays = relays;
    }

    /**
     * Asks every relay in parallel and waits at most {@code timeout} in total.
     *
     * @param pubkeyHex the customer's public key, 64 lowercase hex characters
     * @param relayUrls ws:// or wss:// URLs; others, duplicates and any beyond {@link #MAX_RELAYS} are skipped
     * @return the newest valid profile, or empty when no relay had one in time
     */
    public Optional<Profile> fetch(String pubkeyHex, List<String> relayUrls, Duration timeout) {
        if (!Hex.isLowercaseHex(pubkeyHex, 32)) {
            throw new IllegalArgumentException("pubkey must be 64 lowercase hex characters");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        String subscriptionId = "hostr-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        List<ProfileSubscription> subscriptions = new ArrayList<>();
        for (String url : distinctFirst(relayUrls)) {
            ProfileSubscription subscription = new ProfileSubscription(url, subscriptionId, pubkeyHex);
            subscriptions.add(subscription);
            subscription.start(relays);
        }
        awaitAll(subscriptions, deadline);
        subscriptions.forEach(ProfileSubscription::stop);

        Optional<NostrEvent> newest = subscriptions.stream()
                .map(s -> s.result().getNow(Optional.empty()))
                .flatMap(Optional::stream)
                .reduce(ReplaceableOrder::newest);
        log.debug("profile of {} from {} relays: {}", pubkeyHex, subscriptions.size(),
                newest.map(e -> "event " + e.id() + " of " + e.createdAt()).orElse("none"));
        return newest.map(Profile::fromMetadata);
    }

    private static List<String> distinctFirst(List<String> relayUrls) {
        List<String> urls = new ArrayList<>(new LinkedHashSet<>(relayUrls));
        if (urls.size() > MAX_RELAYS) {
            log.debug("asking only the first {} of {} relays", MAX_RELAYS, urls.size());
            return urls.subList(0, MAX_RELAYS);
        }
        return urls;
    }

    private static void awaitAll(List<ProfileSubscription> subscriptions, long deadline) {
        CompletableFuture<?>[] results = subscriptions.stream()
                .map(ProfileSubscription::result).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(results).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // The slow relays are stopped by the caller; what the others sent still counts.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a relay subscription failed unexpectedly", e.getCause());
        }
    }
}
