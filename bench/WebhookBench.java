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
import org.hostr.sim.whm.WhmSimulator;

public class WebhookBench {
    static final String KEY = "bench-strike-key";
    static final String SECRET = "bench-webhook-secret";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        String db = args[0];
        int orders = Integer.parseInt(args[1]);
        boolean sqlite = db.startsWith("sqlite");
        HostrConfig.Database database = sqlite // "sqlite?cache_size=-65536": SQLite with these URL options added
                ? new HostrConfig.Database("jdbc:sqlite:" + Files.createTempDirectory("hostr-bench").resolve("hostr.db")
                        + db.substring("sqlite".length()), "", "", 8)
                : new HostrConfig.Database(db, System.getenv().getOrDefault("PGUSER", "postgres"), "", 16);
        // A WHM server (the simulator) takes the accounts the settlements queue, as a shop's would: without one every
        // provisioning job failed and retried, and the retries took more of the machine than the settlements. It
        // answers createacct after 2 s, as a real one takes seconds.
        try (StrikeSimulator sim = new StrikeSimulator(StrikeSimulatorSettings.defaults(KEY)).start(0);
             WhmSimulator whm = new WhmSimulator().start(0)) {
            whm.faults().slowCreate(java.time.Duration.ofSeconds(2));
            sim.faults().dropWebhooks(true); // the bench sends the webhooks itself
            HostrConfig config = new HostrConfig(
                    new HostrConfig.Server("127.0.0.1", 0, "http://localhost:8080", ""), database,
                    new HostrConfig.Auth(List.of(), "bench-session-secret-0123456789abcdefghij", 24, List.of(), 1_000_000),
                    new HostrConfig.Strike(sim.baseUrl(), KEY, SECRET, "USD", 3600),
                    new HostrConfig.Billing("USD", 7, 3, 15, false, 7, 3600),
                    new HostrConfig.Secrets("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="),
                    new HostrConfig.Metrics(false, ""), new HostrConfig.Dev(false), HostrConfig.Notify.off(),
                    List.of(new HostrConfig.PlanEntry("basic", "Basic", "", 1024, 1024, "basic", 500, 0, "USD", "P1M", true, 0)),
                    List.of(new HostrConfig.WhmServerEntry("whm-1", whm.baseUrl(), WhmSimulator.DEFAULT_USER,
                            WhmSimulator.DEFAULT_TOKEN, 1_000_000, "", true)));
            Application app = Application.start(config, Application.Options.defaults());
            String base = "http://127.0.0.1:" + app.port();
            try {
                String cookie = login(base);
                String csrf = field(get(base + "/api/v1/me", cookie), "csrf_token");
                System.out.printf("placing and quoting %d orders…%n", orders);
                for (int i = 0; i < orders; i++) {
                    String number = field(post(base + "/api/v1/orders", cookie, csrf,
                            "{\"plan\":\"basic\",\"domain\":\"" + domain(i) + "\"}"), "number");
                    String bolt11 = field(post(base + "/api/v1/invoices/" + number + "/pay", cookie, csrf, null), "bolt11");
                    sim.payLnInvoice(bolt11);
                }
                List<String> strikeIds = app.database().dsl().select(PAYMENTS.PROVIDER_INVOICE_ID).from(PAYMENTS)
                        .fetch(PAYMENTS.PROVIDER_INVOICE_ID);

                // 0. warm-up: half of the invoices settled as fast as they are acknowledged, before anything is
                //    measured, as JMH's warm-up iterations do (each path must run some 10,000 times before C2 has
                //    compiled it; until then the compiler threads take a quarter of the CPU and more of the tail:
                //    bench/webhooks.sh places 20,000 orders, so 10,000 settle first)
                int warmUp = strikeIds.size() / 2;
                settleAll(app, base, strikeIds, 0, warmUp);
                // 1. acknowledgement latency at a steady 200 webhooks/s, on a quarter of the rest (at most 1,000)
                List<Long> ackNanos = Collections.synchronizedList(new ArrayList<>());
                List<CompletableFuture<?>> inFlight = new ArrayList<>();
                int latencySamples = Math.min((strikeIds.size() - warmUp) / 4, 1000);
                profiler("latency", true);
                long start = System.nanoTime();
                for (int i = 0; i < latencySamples; i++) {
                    long due = start + i * 5_000_000L; // 200/s
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait); // not a spin: the server needs the cores
                    }
                    inFlight.add(sendWebhook(base, strikeIds.get(warmUp + i), ackNanos));
                }
                CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
                awaitPaid(app, warmUp + latencySamples);
                profiler("latency", false);
                // 2. settlement throughput on the rest: webhooks as fast as they are acknowledged (32 in flight), timed
                //    from the first webhook to the last invoice PAID
                long settleStart = System.nanoTime();
                int strikeCallsBefore = sim.apiRequests();
                long cpuStart = processCpuNanos();
                long postgresStart = postgresCpuTicks();
                profiler("settle", true);
                settleAll(app, base, strikeIds, warmUp + latencySamples, strikeIds.size());
                double seconds = (System.nanoTime() - settleStart) / 1e9;
                int strikeCalls = sim.apiRequests() - strikeCallsBefore;
                double cpuMillis = (processCpuNanos() - cpuStart) / 1e6;
                long postgresTicks = postgresCpuTicks() - postgresStart;
                profiler("settle", false);
                int settled = strikeIds.size() - latencySamples - warmUp;
                double floor = healthChecksPerSecond(base, settled);
                List<Long> sorted = new ArrayList<>(ackNanos);
                Collections.sort(sorted);
                System.out.printf("database: %s; orders: %d%n", sqlite ? "SQLite" : "PostgreSQL", strikeIds.size());
                System.out.printf("webhook ack latency at 200/s: p50 %.1f ms, p99 %.1f ms (goal p99 < 50 ms)%n",
                        sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6);
                System.out.printf("settlements: %d in %.1f s = %.0f/s, each asking the Strike simulator over HTTP (goal >= 1000/s on SQLite)%n",
                        settled, seconds, settled / seconds);
                System.out.printf("baseline, same run: GET /healthz answered %.0f/s to the same 32 senders; settlements/s are %.2f of that%n",
                        floor, settled / seconds / floor);
                System.out.printf("Strike API calls in that round: %d, %.2f per settlement (Strike allows 1,000 reads in 10 minutes)%n",
                        strikeCalls, strikeCalls / (double) settled);
                System.out.printf("cPanel accounts created meanwhile: %d (WHM simulator in this JVM)%n", whm.accountCount());
                System.out.printf("CPU per settlement: %.2f ms (Hostr, the Strike simulator and this client share the JVM; %d cores)%n",
                        cpuMillis / settled, Runtime.getRuntime().availableProcessors());
                if (!sqlite && postgresTicks > 0) {
                    System.out.printf("PostgreSQL's CPU per settlement: %.2f ms (its processes on this machine, from /proc)%n",
                            postgresTicks * 10.0 / settled);
                }
            } finally {
                app.close();
            }
        }
    }

    /**
     * Domains as shops name them: different first letters, so cPanel usernames (made from them) rarely collide.
     * "bench-1.example" … "bench-9999.example" would all start "bench", a worst case the provisioning tests cover.
     */
    static String domain(int i) {
        java.util.Random random = new java.util.Random(i);
        StringBuilder name = new StringBuilder();
        for (int c = 0; c < 8; c++) {
            name.append((char) ('a' + random.nextInt(26)));
        }
        return name + "-" + i + ".example";
    }

    /** Sends the webhooks of invoices [from, to), 32 in flight, and waits until all of them are PAID. */
    static void settleAll(Application app, String base, List<String> strikeIds, int from, int to) throws InterruptedException {
        thirtyTwoInFlight(from, to, i -> sendWebhook(base, strikeIds.get(i), null));
        awaitPaid(app, to);
    }

    /** Starts the requests {@code send} makes for [from, to) in rounds of 32 and waits for each round. */
    static void thirtyTwoInFlight(int from, int to, java.util.function.IntFunction<CompletableFuture<?>> send) {
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        for (int i = from; i < to; i++) {
            inFlight.add(send.apply(i));
            if (inFlight.size() >= 32) {
                CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
                inFlight.clear();
            }
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
    }

    /**
     * The HTTP floor of this machine in this run: {@code count} GET /healthz (no database, no Strike) from the webhook
     * senders, 32 in flight, per second. Settlements per second against it tell a slower machine from a slower build.
     */
    static double healthChecksPerSecond(String base, int count) {
        URI uri = URI.create(base);
        long start = System.nanoTime();
        thirtyTwoInFlight(0, count, i -> CompletableFuture.runAsync(() -> {
            if (request(uri, "GET", "/healthz", null, null, new byte[0]) != 200) {
                throw new IllegalStateException("/healthz did not answer 200");
            }
        }, SENDERS));
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * With -Dbench.profile=FILE and async-profiler's jar (tools.profiler:async-profiler on Maven Central) on the class
     * path, starts or stops profiling {@code round} ("settle", the measured round, unless -Dbench.profile.round=latency):
     * collapsed stacks into FILE.
     */
    static void profiler(String round, boolean start) throws Exception {
        if (System.getProperty("bench.profile") == null || !round.equals(System.getProperty("bench.profile.round", "settle"))) return;
        String command = start ? "start," + System.getProperty("bench.profile.event", "event=cpu,interval=200us")
                : "stop,collapsed,file=" + System.getProperty("bench.profile");
        Object profiler = Class.forName("one.profiler.AsyncProfiler").getMethod("getInstance").invoke(null);
        profiler.getClass().getMethod("execute", String.class).invoke(profiler, command);
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** User + system CPU time, in clock ticks (1/100 s), of the processes named postgres on this machine; 0 without /proc. */
    static long postgresCpuTicks() {
        long ticks = 0;
        java.io.File[] processes = new java.io.File("/proc").listFiles((dir, name) -> name.chars().allMatch(Character::isDigit));
        for (java.io.File process : processes == null ? new java.io.File[0] : processes) {
            try {
                String stat = Files.readString(process.toPath().resolve("stat"));
                if (!stat.contains("(postgres)")) continue;
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (java.io.IOException | RuntimeException e) {
                // the process ended meanwhile
            }
        }
        return ticks;
    }

    static void awaitPaid(Application app, int count) throws InterruptedException {
        while (app.database().dsl().fetchCount(INVOICES, INVOICES.STATUS.eq("PAID")) < count) {
            Thread.sleep(25); // the count shares the JVM with what it measures: not too often
        }
    }

    /**
     * Webhook senders: 32 threads, each with one keep-alive connection speaking HTTP/1.1 by hand. The client shares
     * the JVM and the cores with what it measures, so it is kept lean (the JDK's HttpClient spent more than Hostr's
     * webhook route did, and on two cores its async steps start a new thread each).
     */
    static final java.util.concurrent.ExecutorService SENDERS = java.util.concurrent.Executors.newFixedThreadPool(32, r -> {
        Thread t = new Thread(r, "webhook-sender");
        t.setDaemon(true);
        return t;
    });
    static final ThreadLocal<RawConnection> CONNECTIONS = new ThreadLocal<>();

    static CompletableFuture<?> sendWebhook(String base, String strikeId, List<Long> ackNanos) {
        String body = "{\"id\":\"" + UUID.randomUUID() + "\",\"eventType\":\"invoice.updated\",\"webhookVersion\":\"v1\","
                + "\"data\":{\"entityId\":\"" + strikeId + "\",\"changes\":[\"state\"]},\"created\":\"" + Instant.now() + "\"}";
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        String signature = StrikeWebhookSignature.sign(raw, SECRET);
        long sent = System.nanoTime();
        return CompletableFuture.runAsync(() -> {
            int status = post(URI.create(base), "/webhooks/strike", StrikeWebhookSignature.HEADER, signature, raw);
            if (status != 200) {
                throw new IllegalStateException("webhook answered " + status);
            }
            if (ackNanos != null) {
                ackNanos.add(System.nanoTime() - sent);
            }
        }, SENDERS);
    }

    static int post(URI base, String path, String header, String value, byte[] body) {
        return request(base, "POST", path, header, value, body);
    }

    static int request(URI base, String method, String path, String header, String value, byte[] body) {
        for (int attempt = 0; ; attempt++) {
            RawConnection connection = CONNECTIONS.get();
            try {
                if (connection == null) {
                    connection = new RawConnection(base);
                    CONNECTIONS.set(connection);
                }
                return connection.send(method, path, header, value, body);
            } catch (java.io.IOException e) {
                CONNECTIONS.remove();
                if (connection != null) connection.close();
                if (attempt > 0) throw new java.io.UncheckedIOException(e); // a kept-alive connection the server closed: once more
            }
        }
    }

    static final class RawConnection {
        private final java.net.Socket socket;
        private final java.io.OutputStream out;
        private final java.io.InputStream in;
        private final String host;

        RawConnection(URI base) throws java.io.IOException {
            host = base.getHost() + ":" + base.getPort();
            socket = new java.net.Socket(base.getHost(), base.getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            out = new java.io.BufferedOutputStream(socket.getOutputStream(), 4096);
            in = new java.io.BufferedInputStream(socket.getInputStream(), 4096);
        }

        int send(String method, String path, String header, String value, byte[] body) throws java.io.IOException {
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (header == null ? "" : "Content-Type: application/json\r\n" + header + ": " + value + "\r\n")
                    + (body.length == 0 && method.equals("GET") ? "" : "Content-Length: " + body.length + "\r\n")
                    + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            String status = line();
            int length = 0;
            for (String h = line(); !h.isEmpty(); h = line()) {
                if (h.regionMatches(true, 0, "Content-Length:", 0, 15)) length = Integer.parseInt(h.substring(15).trim());
            }
            in.readNBytes(length);
            return Integer.parseInt(status.substring(9, 12));
        }

        private String line() throws java.io.IOException {
            StringBuilder line = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) throw new java.io.EOFException("connection closed");
                if (b != '\r') line.append((char) b);
            }
            return line.toString();
        }

        void close() {
            try { socket.close(); } catch (java.io.IOException ignored) { }
        }
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
