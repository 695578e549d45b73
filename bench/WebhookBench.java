// Webhook acknowledgement latency at a steady 200 webhooks/s, and settlements per second (signed webhook in →
// invoice PAID and the provisioning job queued), on SQLite or PostgreSQL. Runs Hostr and the Strike simulator in this
// JVM on loopback ports. Usage (through bench/webhooks.sh):
//   java -cp target/hostr.jar bench/WebhookBench.java <sqlite|jdbc:postgresql://…> <orders>
import static org.hostr.db.generated.Tables.INVOICES;
import static org.hostr.db.generated.Tables.PAYMENTS;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.hostr.Application;
import org.hostr.config.HostrConfig;
import org.hostr.nostr.EventSigner;
import org.hostr.nostr.EventTemplate;
import org.hostr.nostr.Keys;
import org.hostr.nostr.NostrEvent;
import org.hostr.nostr.NostrKeyPair;
import org.hostr.payments.strike.StrikeWebhookSignature;
import org.hostr.sim.strike.StrikeSimulator;
import org.hostr.sim.strike.StrikeSimulatorSettings;

public class WebhookBench {
    static final String KEY = "bench-strike-key";
    static final String SECRET = "bench-webhook-secret";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        String db = args[0];
        int orders = Integer.parseInt(args[1]);
        HostrConfig.Database database = db.equals("sqlite")
                ? new HostrConfig.Database("jdbc:sqlite:" + Files.createTempDirectory("hostr-bench").resolve("hostr.db"), "", "", 8)
                : new HostrConfig.Database(db, System.getenv().getOrDefault("PGUSER", "postgres"), "", 16);
        try (StrikeSimulator sim = new StrikeSimulator(StrikeSimulatorSettings.defaults(KEY)).start(0)) {
            sim.faults().dropWebhooks(true); // the bench sends the webhooks itself
            HostrConfig config = new HostrConfig(
                    new HostrConfig.Server("127.0.0.1", 0, "http://localhost:8080", ""), database,
                    new HostrConfig.Auth(List.of(), "bench-session-secret-0123456789abcdefghij", 24, List.of(), 1_000_000),
                    new HostrConfig.Strike(sim.baseUrl(), KEY, SECRET, "USD", 3600),
                    new HostrConfig.Billing("USD", 7, 3, 15, false, 7, 3600),
                    new HostrConfig.Secrets("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="),
                    new HostrConfig.Metrics(false, ""), new HostrConfig.Dev(false), HostrConfig.Notify.off(),
                    List.of(new HostrConfig.PlanEntry("basic", "Basic", "", 1024, 1024, "basic", 500, 0, "USD", "P1M", true, 0)),
                    List.of());
            Application app = Application.start(config, Application.Options.defaults());
            String base = "http://127.0.0.1:" + app.port();
            try {
                String cookie = login(base);
                String csrf = field(get(base + "/api/v1/me", cookie), "csrf_token");
                System.out.printf("placing and quoting %d orders…%n", orders);
                for (int i = 0; i < orders; i++) {
                    String number = field(post(base + "/api/v1/orders", cookie, csrf,
                            "{\"plan\":\"basic\",\"domain\":\"bench-" + i + ".example\"}"), "number");
                    String bolt11 = field(post(base + "/api/v1/invoices/" + number + "/pay", cookie, csrf, null), "bolt11");
                    sim.payLnInvoice(bolt11);
                }
                List<String> strikeIds = app.database().dsl().select(PAYMENTS.PROVIDER_INVOICE_ID).from(PAYMENTS)
                        .fetch(PAYMENTS.PROVIDER_INVOICE_ID);

                // 1. acknowledgement latency at a steady 200 webhooks/s, on the first third of the invoices
                List<Long> ackNanos = Collections.synchronizedList(new ArrayList<>());
                List<CompletableFuture<?>> inFlight = new ArrayList<>();
                int latencySamples = Math.min(strikeIds.size() / 3, 1000);
                long start = System.nanoTime();
                for (int i = 0; i < latencySamples; i++) {
                    long due = start + i * 5_000_000L; // 200/s
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait); // not a spin: the server needs the cores
                    }
                    inFlight.add(sendWebhook(base, strikeIds.get(i), ackNanos));
                }
                CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
                awaitPaid(app, latencySamples);
                // 2. settlement throughput: the other invoices' webhooks as fast as they are acknowledged (32 in flight),
                //    timed from the first webhook to the last invoice PAID
                inFlight.clear();
                long settleStart = System.nanoTime();
                long cpuStart = processCpuNanos();
                for (int i = latencySamples; i < strikeIds.size(); i++) {
                    inFlight.add(sendWebhook(base, strikeIds.get(i), null));
                    if (inFlight.size() >= 32) {
                        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
                        inFlight.clear();
                    }
                }
                CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
                awaitPaid(app, strikeIds.size());
                double seconds = (System.nanoTime() - settleStart) / 1e9;
                double cpuMillis = (processCpuNanos() - cpuStart) / 1e6;
                int settled = strikeIds.size() - latencySamples;
                List<Long> sorted = new ArrayList<>(ackNanos);
                Collections.sort(sorted);
                System.out.printf("database: %s; orders: %d%n", db.equals("sqlite") ? "SQLite" : "PostgreSQL", strikeIds.size());
                System.out.printf("webhook ack latency at 200/s: p50 %.1f ms, p99 %.1f ms (goal p99 < 50 ms)%n",
                        sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6);
                System.out.printf("settlements: %d in %.1f s = %.0f/s, each asking the Strike simulator over HTTP (goal >= 1000/s on SQLite)%n",
                        settled, seconds, settled / seconds);
                System.out.printf("CPU per settlement: %.2f ms (Hostr, the Strike simulator and this client share the JVM; %d cores)%n",
                        cpuMillis / settled, Runtime.getRuntime().availableProcessors());
            } finally {
                app.close();
            }
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static void awaitPaid(Application app, int count) throws InterruptedException {
        while (app.database().dsl().fetchCount(INVOICES, INVOICES.STATUS.eq("PAID")) < count) {
            Thread.sleep(10);
        }
    }

    static CompletableFuture<?> sendWebhook(String base, String strikeId, List<Long> ackNanos) {
        String body = "{\"id\":\"" + UUID.randomUUID() + "\",\"eventType\":\"invoice.updated\",\"webhookVersion\":\"v1\","
                + "\"data\":{\"entityId\":\"" + strikeId + "\",\"changes\":[\"state\"]},\"created\":\"" + Instant.now() + "\"}";
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/webhooks/strike"))
                .header("Content-Type", "application/json")
                .header(StrikeWebhookSignature.HEADER, StrikeWebhookSignature.sign(raw, SECRET))
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build();
        long sent = System.nanoTime();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenAccept(r -> {
            if (r.statusCode() != 200) {
                throw new IllegalStateException("webhook answered " + r.statusCode());
            }
            if (ackNanos != null) {
                ackNanos.add(System.nanoTime() - sent);
            }
        });
    }

    static String login(String base) throws Exception {
        NostrKeyPair key = Keys.generate();
        String challenge = field(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/challenge")).build(),
                HttpResponse.BodyHandlers.ofString()).body(), "challenge");
        NostrEvent event = EventSigner.sign(new EventTemplate(27235, List.of(List.of("u", "http://localhost:8080/api/v1/auth/login"),
                List.of("method", "POST"), List.of("challenge", challenge)), "", Instant.now().getEpochSecond()), key.secretKey());
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Authorization", "Nostr " + Base64.getEncoder().encodeToString(event.toJson().getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        return r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    static String get(String url, String cookie) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static String post(String url, String cookie, String csrf, String json) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    static String field(String json, String name) {
        return json.replaceAll("(?s).*\"" + name + "\":\"([^\"]+)\".*", "$1");
    }
}
