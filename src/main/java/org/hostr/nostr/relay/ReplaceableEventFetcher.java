package org.hostr.nostr.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hostr.nostr.Hex;
import org.hostr.nostr.NostrEvent;

/**
 * Fetches the current version of a replaceable event (one per kind and pubkey: profile, relay lists) from relays,
 * all at once. The answer is the newest event, across all relays, whose id and signature check out; a relay that is
 * down, slow, or sends junk only costs its own share, and the whole fetch never takes longer than the timeout
 * given. Never throws for anything a relay does.
 */
final class ReplaceableEventFetcher {
    private final RelayClient relays;

    ReplaceableEventFetcher(RelayClient relays) {
        this.relays = relays;
    }

    /**
     * @param pubkeyHex 64 lowercase hex characters
     * @param relayUrls ws:// or wss:// URLs; others are skipped, and so are duplicates and any beyond
     *                  {@link RelayUrls#MAX_RELAYS}
     * @return the newest validly signed event of that kind by that pubkey, or empty when no relay had one in time
     */
    Optional<NostrEvent> fetchNewest(String pubkeyHex, int kind, List<String> relayUrls, Duration timeout) {
        if (!Hex.isLowercaseHex(pubkeyHex, 32)) {
            throw new IllegalArgumentException("pubkey must be 64 lowercase hex characters");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        String subscriptionId = "hostr-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        List<ReplaceableSubscription> subscriptions = new ArrayList<>();
        for (String url : RelayUrls.firstDistinct(relayUrls)) {
            ReplaceableSubscription subscription = new ReplaceableSubscription(url, subscriptionId, pubkeyHex, kind);
            subscriptions.add(subscription);
            subscription.start(relays);
        }
        awaitAll(subscriptions, deadline);
        subscriptions.forEach(ReplaceableSubscription::stop);

        return subscriptions.stream()
                .map(s -> s.result().getNow(Optional.empty()))
                .flatMap(Optional::stream)
                .reduce(ReplaceableOrder::newest);
    }

    private static void awaitAll(List<ReplaceableSubscription> subscriptions, long deadline) {
        CompletableFuture<?>[] results = subscriptions.stream()
                .map(ReplaceableSubscription::result).toArray(CompletableFuture[]::new);
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
