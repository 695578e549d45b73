package org.hostr.nostr.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.OkHttpClient;
import org.hostr.nostr.NostrEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one signed event to several relays at once and reports what each one said. The call returns when every
 * relay has answered or the timeout has passed, whichever comes first, and never throws for anything a relay does.
 */
public final class RelayPublisher {
    private static final Logger log = LoggerFactory.getLogger(RelayPublisher.class);

    private final RelayClient relays;

    /** Build one for the application and keep it: each has its own {@link RelayClient} and dispatcher threads. */
    public RelayPublisher(OkHttpClient http) {
        this(new RelayClient(http));
    }

    public RelayPublisher(RelayClient relays) {
        this.relays = relays;
    }

    /**
     * @param relayUrls ws:// or wss:// URLs; duplicates and any beyond the first 16 are skipped, and any other URL is
     *                  reported as failed
     * @param timeout   how long to wait for all the relays together
     */
    public PublishReport publish(NostrEvent event, List<String> relayUrls, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, EventDelivery> deliveries = new LinkedHashMap<>();
        for (String url : RelayUrls.firstDistinct(relayUrls)) {
            EventDelivery delivery = new EventDelivery(url, event);
            deliveries.put(url, delivery);
            delivery.start(relays);
        }
        awaitAll(deliveries.values(), deadline);
        deliveries.values().forEach(EventDelivery::stop);

        Map<String, PublishOutcome> outcomes = new LinkedHashMap<>();
        deliveries.forEach((url, delivery) -> outcomes.put(url, delivery.outcome().join()));
        PublishReport report = new PublishReport(event.id(), outcomes);
        log.debug("event {} of kind {}: {}", event.id(), event.kind(), report.summary());
        return report;
    }

    private static void awaitAll(Iterable<EventDelivery> deliveries, long deadline) {
        List<CompletableFuture<PublishOutcome>> outcomes = new ArrayList<>();
        deliveries.forEach(d -> outcomes.add(d.outcome()));
        try {
            CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // Whoever has not answered is stopped by the caller and reported as timed out.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a relay delivery failed unexpectedly", e.getCause());
        }
    }
}
