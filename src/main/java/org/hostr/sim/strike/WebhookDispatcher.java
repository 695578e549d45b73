package org.hostr.sim.strike;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events to subscribers the way Strike does: POST the JSON, {@code X-Webhook-Signature} = lowercase hex
 * HMAC-SHA256 of the exact bytes sent, success = a 2xx within the timeout, otherwise retry after base, 3×base, 9×base …
 * up to the attempt limit; 410 and 501 mean "stop". One sender thread keeps first deliveries in event order (a slow
 * receiver delays the others, which is acceptable in a simulator).
 */
final class WebhookDispatcher {
    private static final Logger log = LoggerFactory.getLogger(StrikeSimulator.class);

    private record Delivery(SimEvent event, String url, byte[] body, String signature) {
    }

    private final StrikeSimFaults faults;
    private final Duration baseDelay;
    private final int maxAttempts;
    private final Duration timeout;
    private final Consumer<String> onDelivered;
    private final ScheduledExecutorService sender;
    private final HttpClient http;
    private final List<Delivery> held = new ArrayList<>();
    private final AtomicInteger attempted = new AtomicInteger();
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();

    WebhookDispatcher(StrikeSimFaults faults, StrikeSimulatorSettings settings, Consumer<String> onDelivered) {
        this.faults = faults;
        this.baseDelay = settings.webhookBaseDelay();
        this.maxAttempts = settings.webhookMaxAttempts();
        this.timeout = settings.webhookTimeout();
        this.onDelivered = onDelivered;
        this.sender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "strike-sim-webhooks");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    void publish(SimEvent event, List<SimSubscription> targets) {
        for (SimSubscription target : targets) {
            byte[] body = SimJson.event(event, target.webhookVersion()).toString().getBytes(StandardCharsets.UTF_8);
            Delivery delivery = new Delivery(event, target.webhookUrl(), body, sign(body, target.secret()));
            if (faults.droppingWebhooks()) {
                dropped.incrementAndGet();
                continue;
            }
            for (int copy = 0; copy <= faults.webhookDuplicates(); copy++) {
                if (faults.reorderingWebhooks()) {
                    synchronized (held) {
                        held.add(delivery);
                    }
                } else {
                    schedule(delivery, 1, Duration.ZERO);
                }
            }
        }
    }

    void releaseHeld() {
        List<Delivery> release;
        synchronized (held) {
            release = new ArrayList<>(held);
            held.clear();
        }
        Collections.reverse(release);
        release.forEach(d -> schedule(d, 1, Duration.ZERO));
    }

    int attempted() {
        return attempted.get();
    }

    int delivered() {
        return delivered.get();
    }

    int dropped() {
        return dropped.get();
    }

    void shutdown() {
        sender.shutdownNow();
    }

    private void schedule(Delivery delivery, int attempt, Duration delay) {
        if (!sender.isShutdown()) {
            sender.schedule(() -> attempt(delivery, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void attempt(Delivery d, int attempt) {
        attempted.incrementAndGet();
        int status = post(d);
        if (status >= 200 && status < 300) {
            delivered.incrementAndGet();
            onDelivered.accept(d.event().id());
            log.debug("strike sim: webhook {} {} delivered to {} on attempt {}", d.event().eventType(), d.event().id(), d.url(), attempt);
        } else if (status == 410 || status == 501) {
            log.debug("strike sim: {} answered {} for event {}: no more retries", d.url(), status, d.event().id());
        } else if (attempt < maxAttempts) {
            Duration wait = baseDelay.multipliedBy((long) Math.pow(3, attempt - 1));
            log.debug("strike sim: webhook {} to {} failed ({}), attempt {} of {}, next in {} ms", d.event().id(), d.url(),
                    status, attempt, maxAttempts, wait.toMillis());
            schedule(d, attempt + 1, wait);
        } else {
            log.info("strike sim: webhook {} to {} given up after {} attempts", d.event().id(), d.url(), attempt);
        }
    }

    /** The status, or -1 when there was no answer within the timeout. */
    private int post(Delivery d) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(d.url()))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("X-Webhook-Signature", d.signature())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(d.body()))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | IllegalArgumentException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Written here rather than borrowed from the client, so tests check one implementation against the other. */
    static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
