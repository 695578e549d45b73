// Load and soak: simulated customers, each with their own Nostr key, log in, browse, order, pay and wait for their
// hosting against `hostr serve` started as a child process with the README's JVM flags, for a number of minutes.
// Reports per page requests, errors, p50 and p99; the child's resident memory every 10 s and its growth after warm-up;
// the storefront home page under load against the same page idle after the soak (the baseline); and checks at the end
// that every paid invoice settled once and every paid order has one cPanel account. The Strike and WHM simulators run
// in this JVM on loopback ports, never inside serve. Usage (through bench/soak.sh):
//   java -cp target/hostr.jar bench/SoakBench.java <sqlite|jdbc:postgresql://…> <minutes> <customers>
import static org.hostr.db.generated.Tables.AUDIT_LOG;
import static org.hostr.db.generated.Tables.INVOICES;
import static org.hostr.db.generated.Tables.JOBS;
import static org.hostr.db.generated.Tables.PAYMENTS;
import static org.hostr.db.generated.Tables.SERVICES;
import static org.hostr.db.generated.Tables.WEBHOOK_EVENTS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hostr.config.HostrConfig;
import org.hostr.db.Database;
import org.hostr.nostr.EventSigner;
import org.hostr.nostr.EventTemplate;
import org.hostr.nostr.Keys;
import org.hostr.nostr.NostrEvent;
import org.hostr.nostr.NostrKeyPair;
import org.hostr.sim.strike.StrikeSimulator;
import org.hostr.sim.strike.StrikeSimulatorSettings;
import org.hostr.sim.whm.SimAccount;
import org.hostr.sim.whm.WhmSimulator;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

public class SoakBench {
    static final String STRIKE_KEY = "soak-strike-key";
    static final String WEBHOOK_SECRET = "soak-webhook-secret";
    static final List<String> PLANS = List.of("basic", "standard");
    static final ObjectMapper JSON = new ObjectMapper();
    static final long THINK_MIN_MS = 1000;
    static final long THINK_MAX_MS = 3000;
    static final long POLL_MS = 2000;
    /** How long a customer waits for PAID, then for ACTIVE, before counting it as a failure and starting over. */
    static final long PATIENCE_NANOS = Duration.ofMinutes(2).toNanos();
    static final double LOGOUT_SHARE = 0.3;
    static final long RSS_EVERY_SECONDS = 10;
    /** Classes to run serve from instead of target/hostr.jar (then without the class-data archive, made for the jar). */
    static final String CLASSPATH = System.getenv().getOrDefault("HOSTR_BENCH_CP", "");

    public static void main(String[] args) throws Exception {
        String db = args[0];
        double minutes = Double.parseDouble(args[1]);
        int customers = Integer.parseInt(args[2]);
        String engine = db.equals("sqlite") ? "SQLite" : "PostgreSQL";
        Path work = Files.createTempDirectory("hostr-soak");
        boolean pass;
        try (StrikeSimulator strike = new StrikeSimulator(StrikeSimulatorSettings.defaults(STRIKE_KEY)).start(0);
             WhmSimulator whm = new WhmSimulator().start(0);
             ServedShop shop = ServedShop.start(work, db, strike, whm)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
            Page idleBefore = idleHome(http, shop.base);

            Soak soak = new Soak(shop.base, http, strike, customers, minutes);
            MemoryWatch memory = new MemoryWatch(shop.pid());
            long cpuBefore = shop.cpuMillis();
            System.out.printf("%s: %d customers for %.1f min against %s (pid %d)…%n", engine, customers, minutes, shop.base, shop.pid());
            double seconds = soak.run();
            long cpuMillis = shop.cpuMillis() - cpuBefore;
            memory.stop();

            String webhooks = webhookTiming(http, shop.base);
            Page idleAfter = idleHome(http, shop.base);
            long stopStart = System.nanoTime();
            int exit = shop.stop();
            double stopSeconds = (System.nanoTime() - stopStart) / 1e9;

            System.out.printf("%n== %s: %d customers for %.1f min (think time %d–%d s), serve as a child process: %s ==%n",
                    engine, customers, seconds / 60, THINK_MIN_MS / 1000, THINK_MAX_MS / 1000, String.join(" ", shop.jvmFlags)
                            + (CLASSPATH.isEmpty() ? " -jar target/hostr.jar" : " -cp $HOSTR_BENCH_CP"));
            soak.pages.print(seconds);
            System.out.printf("orders placed %d (%d through the order form, %d through the API), paid by the wallet %d%n",
                    soak.ordered.size(), soak.formOrders.get(), soak.ordered.size() - soak.formOrders.get(), soak.paid.size());
            Page home = soak.pages.page("GET /");
            System.out.printf("baseline, storefront home idle (one client, sequential) before / after the soak: "
                            + "p50 %.2f / %.2f ms, p99 %.2f / %.2f ms%n", idleBefore.percentile(0.50) / 1e6,
                    idleAfter.percentile(0.50) / 1e6, idleBefore.percentile(0.99) / 1e6, idleAfter.percentile(0.99) / 1e6);
            System.out.printf("storefront home under load / idle after: p50 %.2f× (%.2f vs %.2f ms), p99 %.2f× (%.2f vs %.2f ms)%n",
                    ratio(home, idleAfter, 0.50), home.percentile(0.50) / 1e6, idleAfter.percentile(0.50) / 1e6,
                    ratio(home, idleAfter, 0.99), home.percentile(0.99) / 1e6, idleAfter.percentile(0.99) / 1e6);
            System.out.printf("Hostr's CPU over the soak: %.1f s (%.0f%% of one core), %.2f ms per request; stopped on SIGTERM in %.1f s, exit %d%n",
                    cpuMillis / 1e3, cpuMillis / 10.0 / seconds, cpuMillis / (double) soak.pages.requests(), stopSeconds, exit);
            System.out.println(webhooks);
            boolean memoryOk = memory.report(seconds);
            boolean logOk = shop.reportLog();
            boolean consistent = new Consistency(shop.database, soak, strike, whm).check();
            pass = soak.pages.errors() == 0 && soak.stuck.isEmpty() && memoryOk && logOk && consistent;
            System.out.println(pass ? "PASS" : "FAIL");
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(pass ? 0 : 1);
    }

    static double ratio(Page loaded, Page idle, double q) {
        return loaded.percentile(q) / (double) idle.percentile(q);
    }

    /**
     * Hostr's own timing of the webhooks, from /metrics. The Strike simulator sends its webhooks one at a time, so slow
     * answers queue the next payments' webhooks behind them: that, not Hostr, is the tail of payment-to-PAID times.
     */
    static String webhookTiming(HttpClient http, String base) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        double count = 0;
        double sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.contains("route=\"/webhooks/strike\"")) {
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (line.startsWith("http_server_requests_seconds_count")) {
                    count += value;
                } else if (line.startsWith("http_server_requests_seconds_sum")) {
                    sum += value;
                }
            }
        }
        return String.format("webhooks from the Strike simulator (sent one at a time): %.0f answered, mean %.1f ms in Hostr",
                count, count == 0 ? 0 : sum / count * 1000);
    }

    /** The storefront home page from one client, one request after another, with nothing else running. */
    static Page idleHome(HttpClient http, String base) throws Exception {
        Pages idle = new Pages(http);
        HttpRequest home = HttpRequest.newBuilder(URI.create(base + "/")).timeout(Duration.ofSeconds(30)).build();
        for (int i = 0; i < 3000; i++) {
            idle.call(i < 1000 ? "warm-up" : "GET /", home);
        }
        return idle.page("GET /");
    }

    /** The customers, what they have ordered and paid, and the tally of every page they asked for. */
    static final class Soak {
        final String base;
        final Pages pages;
        final StrikeSimulator strike;
        final int customers;
        final long durationNanos;
        final ScheduledExecutorService pool;
        final CountDownLatch finished;
        final Map<String, String> ordered = new ConcurrentHashMap<>(); // invoice number -> domain
        final Map<String, WalletPayment> paid = new ConcurrentHashMap<>(); // invoice number -> what the wallet paid, when
        final Set<String> domains = ConcurrentHashMap.newKeySet();
        final AtomicInteger formOrders = new AtomicInteger();
        final List<String> stuck = Collections.synchronizedList(new ArrayList<>());
        long deadline;

        Soak(String base, HttpClient http, StrikeSimulator strike, int customers, double minutes) {
            this.base = base;
            this.pages = new Pages(http);
            this.strike = strike;
            this.customers = customers;
            this.durationNanos = (long) (minutes * 60e9);
            // A step is one page view and its requests; think time is a scheduled delay, not a sleeping thread.
            this.pool = Executors.newScheduledThreadPool(Math.min(32, Math.max(4, customers / 8)));
            this.finished = new CountDownLatch(customers);
        }

        /** Runs every customer until the time is up and each has finished the order in hand; returns the seconds taken. */
        double run() throws InterruptedException {
            long start = System.nanoTime();
            deadline = start + durationNanos;
            Random seeds = new Random(9);
            long rampMs = Math.min(10_000, durationNanos / 4_000_000);
            for (int i = 0; i < customers; i++) {
                Customer customer = new Customer(this, new Random(seeds.nextLong()));
                pool.schedule(customer, (long) (rampMs * (i / (double) customers)), TimeUnit.MILLISECONDS);
            }
            if (!finished.await(durationNanos / 1_000_000 + 2 * PATIENCE_NANOS / 1_000_000 + 60_000, TimeUnit.MILLISECONDS)) {
                stuck.add(finished.getCount() + " customers still busy long after the end");
            }
            pool.shutdownNow();
            return (System.nanoTime() - start) / 1e9;
        }

        /** A domain no other order used, whose first label makes a distinct cPanel username. */
        String newDomain(Random random) {
            String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
            while (true) {
                StringBuilder label = new StringBuilder().append(alphabet.charAt(random.nextInt(26)));
                for (int i = 0; i < 7; i++) {
                    label.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                String domain = label + ".soak.example";
                if (!label.toString().startsWith("test") && domains.add(domain)) {
                    return domain;
                }
            }
        }
    }

    /**
     * One customer, run a page view at a time on the shared pool: home, plans, log in if needed, account, order form,
     * order, pay page, pay with a wallet, wait for PAID, receipt, wait for ACTIVE, the account and credentials, history,
     * and sometimes log out; then again from the home page until the time is up.
     */
    static final class Customer implements Runnable {
        enum Stage {
            HOME, PLANS, LOGIN, ACCOUNT, ORDER_FORM, ORDER, PAY_PAGE, PAY, AWAIT_PAID, RECEIPT, AWAIT_ACTIVE, SERVICE, HISTORY,
            LOGOUT, DONE
        }

        private final Soak soak;
        private final Random random;
        private final NostrKeyPair key = Keys.generate();
        private Stage stage = Stage.HOME;
        private String cookie;
        private String csrf;
        private String plan;
        private String form;
        private String domain;
        private String number;
        private long serviceId;
        private long paidAt;

        Customer(Soak soak, Random random) {
            this.soak = soak;
            this.random = random;
        }

        @Override
        public void run() {
            long pause;
            try {
                pause = step();
            } catch (Exception e) {
                if (!(e instanceof Counted)) {
                    soak.pages.page("customer script").failed(e.toString());
                }
                // Start over from the home page, as a person would after an error page.
                stage = Stage.HOME;
                pause = think();
            }
            if (stage == Stage.DONE) {
                soak.finished.countDown();
            } else {
                soak.pool.schedule(this, pause, TimeUnit.MILLISECONDS);
            }
        }

        private long step() throws Exception {
            switch (stage) {
                case HOME -> {
                    if (System.nanoTime() > soak.deadline) {
                        stage = Stage.DONE;
                        return 0;
                    }
                    get("GET /", "/");
                    stage = Stage.PLANS;
                }
                case PLANS -> {
                    get("GET /plans", "/plans");
                    plan = PLANS.get(random.nextInt(PLANS.size()));
                    stage = cookie == null ? Stage.LOGIN : Stage.ACCOUNT;
                }
                case LOGIN -> {
                    logIn();
                    stage = Stage.ACCOUNT;
                }
                case ACCOUNT -> {
                    get("GET /account", "/account");
                    csrf = JSON.readTree(get("GET /api/v1/me", "/api/v1/me").body()).path("csrf_token").asText();
                    stage = Stage.ORDER_FORM;
                }
                case ORDER_FORM -> {
                    form = get("GET /order/{plan}", "/order/" + plan).body();
                    stage = Stage.ORDER;
                }
                case ORDER -> {
                    order();
                    stage = Stage.PAY_PAGE;
                }
                case PAY_PAGE -> {
                    get("GET /invoices/{number}", "/invoices/" + number);
                    if (random.nextInt(4) == 0) { // the page's script fetches a new QR code when it renews the quote
                        get("GET /invoices/{number}/qr.svg", "/invoices/" + number + "/qr.svg");
                    }
                    stage = Stage.PAY;
                }
                case PAY -> {
                    pay();
                    stage = Stage.AWAIT_PAID;
                    return POLL_MS;
                }
                case AWAIT_PAID -> {
                    JsonNode invoice = JSON.readTree(get("GET /api/v1/invoices/{number}", "/api/v1/invoices/" + number).body());
                    if (!"PAID".equals(invoice.path("status").asText())) {
                        return stillWaiting("invoice " + number + " PAID");
                    }
                    stage = Stage.RECEIPT;
                }
                case RECEIPT -> {
                    get("GET /receipts/{number}", "/receipts/" + number);
                    stage = Stage.AWAIT_ACTIVE;
                    return POLL_MS;
                }
                case AWAIT_ACTIVE -> {
                    JsonNode me = JSON.readTree(get("GET /api/v1/me", "/api/v1/me").body());
                    JsonNode service = null;
                    for (JsonNode s : me.path("services")) {
                        if (domain.equals(s.path("domain").asText())) {
                            service = s;
                        }
                    }
                    if (service == null || !"ACTIVE".equals(service.path("status").asText())) {
                        return stillWaiting("service for " + domain + " ACTIVE");
                    }
                    serviceId = service.path("id").asLong();
                    stage = Stage.SERVICE;
                }
                case SERVICE -> {
                    get("GET /account", "/account");
                    get("GET /api/v1/services/{id}/credentials", "/api/v1/services/" + serviceId + "/credentials");
                    stage = Stage.HISTORY;
                }
                case HISTORY -> {
                    get("GET /api/v1/invoices", "/api/v1/invoices");
                    get("GET /api/v1/paywall", "/api/v1/paywall");
                    stage = random.nextDouble() < LOGOUT_SHARE ? Stage.LOGOUT : Stage.HOME;
                }
                case LOGOUT -> {
                    send("POST /api/v1/auth/logout", request("/api/v1/auth/logout").header("X-CSRF-Token", csrf)
                            .POST(HttpRequest.BodyPublishers.noBody()));
                    cookie = null;
                    csrf = null;
                    stage = Stage.HOME;
                }
                case DONE -> {
                    return 0;
                }
            }
            return think();
        }

        /** As login.js does with a NIP-07 signer: challenge, sign a kind-27235 event for the login URL, post it. */
        private void logIn() throws Exception {
            get("GET /login", "/login");
            String challenge = JSON.readTree(get("GET /api/v1/auth/challenge", "/api/v1/auth/challenge").body())
                    .path("challenge").asText();
            NostrEvent event = EventSigner.sign(new EventTemplate(27235, List.of(List.of("u", soak.base + "/api/v1/auth/login"),
                    List.of("method", "POST"), List.of("challenge", challenge)), "", Instant.now().getEpochSecond()), key.secretKey());
            HttpResponse<String> answer = send("POST /api/v1/auth/login", request("/api/v1/auth/login")
                    .header("Authorization", "Nostr " + Base64.getEncoder().encodeToString(event.toJson().getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.noBody()));
            cookie = answer.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("hostr_session="))
                    .map(c -> c.split(";")[0]).findFirst().orElseThrow(() -> new IllegalStateException("login set no session cookie"));
        }

        /** Half through the order form as a browser posts it, half through POST /api/v1/orders. */
        private void order() throws Exception {
            domain = soak.newDomain(random);
            if (random.nextBoolean()) {
                String body = "csrf_token=" + encode(attribute(form, "csrf_token")) + "&idempotency_key="
                        + encode(attribute(form, "idempotency_key")) + "&domain=" + encode(domain) + "&promo_code=";
                HttpResponse<String> answer = send("POST /order/{plan}", request("/order/" + plan)
                        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
                number = answer.headers().firstValue("Location").orElse("").replaceFirst("^/invoices/", "");
                soak.formOrders.incrementAndGet();
            } else {
                HttpResponse<String> answer = send("POST /api/v1/orders", request("/api/v1/orders").header("X-CSRF-Token", csrf)
                        .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString("{\"plan\":\"" + plan + "\",\"domain\":\"" + domain + "\"}")));
                number = JSON.readTree(answer.body()).path("invoice").path("number").asText();
            }
            soak.ordered.put(number, domain);
        }

        /** Asks for the Lightning invoice as the pay page's script does, and pays it from a wallet (the Strike simulator). */
        private void pay() throws Exception {
            String bolt11 = JSON.readTree(send("POST /api/v1/invoices/{number}/pay", request("/api/v1/invoices/" + number + "/pay")
                    .header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.noBody())).body()).path("bolt11").asText();
            Instant at = Instant.now();
            try {
                soak.strike.payLnInvoice(bolt11);
            } catch (RuntimeException e) {
                soak.pages.page("wallet pays (Strike simulator)").failed(e.getMessage());
                throw new Counted(e.getMessage());
            }
            paidAt = System.nanoTime();
            soak.paid.put(number, new WalletPayment(domain, at));
        }

        private long stillWaiting(String what) {
            if (System.nanoTime() - paidAt > PATIENCE_NANOS) {
                soak.stuck.add("no " + what + " " + PATIENCE_NANOS / 1_000_000_000 + " s after paying");
                stage = Stage.HOME;
                return think();
            }
            return POLL_MS;
        }

        private long think() {
            return THINK_MIN_MS + (long) (random.nextDouble() * (THINK_MAX_MS - THINK_MIN_MS));
        }

        private HttpRequest.Builder request(String path) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(soak.base + path)).timeout(Duration.ofSeconds(30));
            return cookie == null ? request : request.header("Cookie", cookie);
        }

        private HttpResponse<String> get(String page, String path) throws Exception {
            return send(page, request(path).GET());
        }

        private HttpResponse<String> send(String page, HttpRequest.Builder request) throws Exception {
            return soak.pages.call(page, request.build());
        }

        static String attribute(String html, String name) {
            Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
            if (!m.find()) {
                throw new IllegalStateException("the page has no " + name + " field");
            }
            return m.group(1);
        }

        static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }

    /** Requests by page: every answer below 400 counts as served (redirects are what the pages do), anything else as an error. */
    static final class Pages {
        private final HttpClient http;
        private final Map<String, Page> byName = Collections.synchronizedMap(new LinkedHashMap<>());

        Pages(HttpClient http) {
            this.http = http;
        }

        Page page(String name) {
            return byName.computeIfAbsent(name, Page::new);
        }

        HttpResponse<String> call(String name, HttpRequest request) throws Exception {
            Page page = page(name);
            long start = System.nanoTime();
            HttpResponse<String> answer;
            try {
                answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                page.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
                throw new Counted(name + ": " + e);
            }
            long nanos = System.nanoTime() - start;
            if (answer.statusCode() >= 400) {
                String body = answer.body().replaceAll("\\s+", " ");
                page.failed(answer.statusCode() + " " + body.substring(0, Math.min(160, body.length())));
                throw new Counted(name + " answered " + answer.statusCode());
            }
            page.answered(nanos);
            return answer;
        }

        long requests() {
            synchronized (byName) {
                return byName.values().stream().mapToLong(p -> p.count() + p.errors()).sum();
            }
        }

        long errors() {
            synchronized (byName) {
                return byName.values().stream().mapToLong(Page::errors).sum();
            }
        }

        void print(double seconds) {
            System.out.printf("%-40s %9s %7s %8s %8s%n", "page", "requests", "errors", "p50 ms", "p99 ms");
            synchronized (byName) {
                for (Page p : byName.values()) {
                    System.out.printf("%-40s %9d %7d %8.2f %8.2f%n", p.name, p.count(), p.errors(),
                            p.percentile(0.50) / 1e6, p.percentile(0.99) / 1e6);
                }
                System.out.printf("%-40s %9d %7d   (%.1f requests/s)%n", "all", requests(), errors(), requests() / seconds);
                byName.values().stream().filter(p -> p.errors() > 0)
                        .forEach(p -> System.out.println("  errors on " + p.name + ": " + p.samples));
            }
        }
    }

    /** A customer's wallet paid the Lightning invoice of an order. */
    record WalletPayment(String domain, Instant at) {
    }

    /** A failure already counted against its page. */
    static final class Counted extends RuntimeException {
        Counted(String message) {
            super(message, null, false, false);
        }
    }

    /** Latencies of one page, kept whole (a soak of 10 minutes makes some 10^5 of them). */
    static final class Page {
        final String name;
        private long[] nanos = new long[1024];
        private int count;
        private int errors;
        final List<String> samples = new ArrayList<>();

        Page(String name) {
            this.name = name;
        }

        synchronized void answered(long latency) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
            }
            nanos[count++] = latency;
        }

        synchronized void failed(String what) {
            errors++;
            if (samples.size() < 3) {
                samples.add(what);
            }
        }

        synchronized int count() {
            return count;
        }

        synchronized int errors() {
            return errors;
        }

        synchronized long percentile(double q) {
            if (count == 0) {
                return 0;
            }
            long[] sorted = Arrays.copyOf(nanos, count);
            Arrays.sort(sorted);
            return sorted[Math.max(0, (int) Math.ceil(q * count) - 1)];
        }
    }

    /** The child's resident memory (VmRSS) every 10 s from the start of the soak. */
    static final class MemoryWatch {
        private final long pid;
        private final List<Long> kilobytes = Collections.synchronizedList(new ArrayList<>());
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

        MemoryWatch(long pid) {
            this.pid = pid;
            timer.scheduleAtFixedRate(() -> kilobytes.add(rss()), 0, RSS_EVERY_SECONDS, TimeUnit.SECONDS);
        }

        long rss() {
            try {
                return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                        .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
            } catch (IOException e) {
                return 0;
            }
        }

        void stop() {
            timer.shutdownNow();
        }

        /**
         * Growth = mean of the last minute over the mean of the minute after a two-minute warm-up (for short runs, the
         * last third over the second third). Goal: at most 10%.
         */
        boolean report(double seconds) {
            List<Long> mb = kilobytes.stream().map(k -> k / 1024).toList();
            System.out.println("resident memory of serve, MB every " + RSS_EVERY_SECONDS + " s: "
                    + mb.stream().map(String::valueOf).collect(Collectors.joining(" ")));
            double warmUp = Math.min(120, seconds / 3);
            double window = Math.min(60, seconds / 3);
            double early = mean(mb, warmUp, warmUp + window);
            double late = mean(mb, seconds - window, seconds + 1);
            if (Double.isNaN(early) || Double.isNaN(late)) {
                System.out.println("resident memory growth: run too short to tell");
                return true;
            }
            double growth = (late - early) / early * 100;
            System.out.printf("resident memory: min %d, max %d MB; mean %.0f MB at %.0f–%.0f s (after warm-up), "
                            + "%.0f MB in the last %.0f s: growth %+.1f%% (goal <= 10%%)%n",
                    Collections.min(mb), Collections.max(mb), early, warmUp, warmUp + window, late, window, growth);
            return growth <= 10;
        }

        private static double mean(List<Long> mb, double from, double to) {
            List<Long> in = new ArrayList<>();
            for (int i = 0; i < mb.size(); i++) {
                long t = i * RSS_EVERY_SECONDS;
                if (t >= from && t < to) {
                    in.add(mb.get(i));
                }
            }
            return in.isEmpty() ? Double.NaN : in.stream().mapToLong(Long::longValue).average().orElseThrow();
        }
    }

    /** `hostr serve` in its own JVM, set up as an operator would: a config file, `admin server add`, `strike subscribe`. */
    static final class ServedShop implements AutoCloseable {
        final String base;
        final HostrConfig.Database database;
        final List<String> jvmFlags;
        private final Path log;
        private Process serve;

        private ServedShop(String base, HostrConfig.Database database, List<String> jvmFlags, Path log) {
            this.base = base;
            this.database = database;
            this.jvmFlags = jvmFlags;
            this.log = log;
        }

        static ServedShop start(Path work, String db, StrikeSimulator strike, WhmSimulator whm) throws Exception {
            int port;
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            boolean sqlite = db.equals("sqlite");
            HostrConfig.Database database = new HostrConfig.Database(sqlite ? "jdbc:sqlite:" + work.resolve("hostr.db") : db,
                    sqlite ? "" : System.getenv().getOrDefault("PGUSER", "postgres"), "", 8);
            List<String> flags = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Xms48m", "-Xmn32m", "-Xmx256m"));
            if (CLASSPATH.isEmpty() && Files.exists(Path.of("target/hostr.jsa"))) {
                flags.add(0, "-XX:SharedArchiveFile=target/hostr.jsa");
            }
            String extra = System.getenv().getOrDefault("HOSTR_BENCH_JVM_OPTS", "").strip(); // e.g. -XX:NativeMemoryTracking=summary
            if (!extra.isEmpty()) {
                flags.addAll(List.of(extra.split("\\s+")));
            }
            ServedShop shop = new ServedShop("http://127.0.0.1:" + port, database, flags, work.resolve("serve.log"));
            Path config = work.resolve("config.toml");
            Files.writeString(config, shop.config(port, strike));
            shop.run(work, Map.of("HOSTR_WHM_TOKEN", WhmSimulator.DEFAULT_TOKEN), "admin", "server", "add", "--config", config.toString(),
                    "--name", "whm1", "--url", whm.baseUrl(), "--user", WhmSimulator.DEFAULT_USER, "--max-accounts", "1000000");
            shop.run(work, Map.of(), "strike", "subscribe", "--config", config.toString());
            ProcessBuilder serve = new ProcessBuilder(shop.command("serve", "--config", config.toString())).redirectErrorStream(true)
                    .redirectOutput(shop.log.toFile());
            // As the README recommends for serve: glibc keeps what SQLite's native code frees in one arena per thread.
            serve.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
            shop.serve = serve.start();
            Process child = shop.serve;
            Runtime.getRuntime().addShutdownHook(new Thread(child::destroyForcibly));
            shop.awaitReady();
            return shop;
        }

        private String config(int port, StrikeSimulator strike) {
            StringBuilder toml = new StringBuilder();
            toml.append("[server]\nhost = \"127.0.0.1\"\nport = ").append(port).append("\npublic_url = \"").append(base).append("\"\n");
            toml.append("[database]\nurl = \"").append(database.url()).append("\"\nuser = \"").append(database.user()).append("\"\n");
            // Every customer comes from 127.0.0.1, so the per-address login limit would throttle the whole crowd as one.
            // No relays: profile look-ups and notices would otherwise go out to the internet.
            toml.append("[auth]\nsession_secret = \"soak-session-secret-0123456789abcdefghij\"\nlogin_rate_per_minute = 1000000\nrelays = []\n");
            toml.append("[strike]\nbase_url = \"").append(strike.baseUrl()).append("\"\napi_key = \"").append(STRIKE_KEY)
                    .append("\"\nwebhook_secret = \"").append(WEBHOOK_SECRET).append("\"\n");
            toml.append("[secrets]\nencryption_key = \"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\"\n");
            toml.append("[notify]\nrelays = []\n");
            toml.append("[[plans]]\nslug = \"basic\"\nname = \"Basic\"\nstorage_mb = 1024\nbandwidth_mb = 10240\n")
                    .append("whm_package = \"basic\"\nprice_minor = 500\n");
            toml.append("[[plans]]\nslug = \"standard\"\nname = \"Standard\"\nstorage_mb = 5120\nbandwidth_mb = 51200\n")
                    .append("whm_package = \"standard\"\nprice_minor = 1500\nsort = 1\n");
            return toml.toString();
        }

        private List<String> command(String... args) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmFlags);
            command.addAll(CLASSPATH.isEmpty() ? List.of("-jar", "target/hostr.jar") : List.of("-cp", CLASSPATH, "org.hostr.Main"));
            command.addAll(List.of(args));
            return command;
        }

        private void run(Path work, Map<String, String> env, String... args) throws Exception {
            Path out = work.resolve(args[0] + ".log");
            ProcessBuilder builder = new ProcessBuilder(command(args)).redirectErrorStream(true).redirectOutput(out.toFile());
            builder.environment().putAll(env);
            int exit = builder.start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("hostr " + String.join(" ", args) + " exited " + exit + ":\n" + Files.readString(out));
            }
        }

        private void awaitReady() throws Exception {
            HttpClient http = HttpClient.newHttpClient();
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < until) {
                if (!serve.isAlive()) {
                    throw new IllegalStateException("serve exited " + serve.exitValue() + ":\n" + Files.readString(log));
                }
                try {
                    if (http.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("serve was not ready within 60 s:\n" + Files.readString(log));
        }

        long pid() {
            return serve.pid();
        }

        /** User + system CPU time of serve so far, from /proc (clock ticks of 10 ms). */
        long cpuMillis() throws IOException {
            String stat = Files.readString(Path.of("/proc/" + serve.pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        }

        /** SIGTERM, as an operator stops it; returns the exit code. */
        int stop() throws InterruptedException {
            if (serve == null || !serve.isAlive()) {
                return serve == null ? -1 : serve.exitValue();
            }
            serve.destroy();
            if (!serve.waitFor(40, TimeUnit.SECONDS)) {
                serve.destroyForcibly().waitFor();
            }
            return serve.exitValue();
        }

        /** Any WARN or ERROR line serve logged (it logs at WARN here); an ERROR fails the soak. */
        boolean reportLog() throws IOException {
            List<String> lines = Files.readAllLines(log).stream().filter(l -> l.contains("WARN") || l.contains("ERROR")).toList();
            long errors = lines.stream().filter(l -> l.contains("ERROR")).count();
            System.out.printf("serve's log: %d WARN, %d ERROR lines%n", lines.size() - errors, errors);
            lines.stream().limit(8).forEach(l -> System.out.println("  " + l));
            return errors == 0;
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }

    /** What the database and the simulators say once serve has stopped: each payment settled once, each paid order one account. */
    static final class Consistency {
        private final HostrConfig.Database database;
        private final Soak soak;
        private final StrikeSimulator strike;
        private final WhmSimulator whm;
        private boolean pass = true;

        Consistency(HostrConfig.Database database, Soak soak, StrikeSimulator strike, WhmSimulator whm) {
            this.database = database;
            this.soak = soak;
            this.strike = strike;
            this.whm = whm;
        }

        boolean check() {
            Set<String> paid = Set.copyOf(soak.paid.keySet());
            Set<String> paidDomains = soak.paid.values().stream().map(WalletPayment::domain).collect(Collectors.toSet());
            System.out.println("consistency:");
            try (Database db = Database.open(new HostrConfig.Database(database.url(), database.user(), "", 2), null)) {
                DSLContext dsl = db.dsl();
                Set<String> paidInDb = Set.copyOf(dsl.select(INVOICES.NUMBER).from(INVOICES).where(INVOICES.STATUS.eq("PAID"))
                        .fetch(INVOICES.NUMBER));
                expect(paidInDb.equals(paid), "every invoice the wallets paid is PAID, and no other: " + paid.size()
                        + " paid, " + paidInDb.size() + " PAID");
                Map<Long, Integer> payments = dsl.select(PAYMENTS.INVOICE_ID, DSL.count()).from(PAYMENTS)
                        .where(PAYMENTS.STATE.eq("PAID")).groupBy(PAYMENTS.INVOICE_ID).fetchMap(PAYMENTS.INVOICE_ID, DSL.count());
                expect(payments.size() == paid.size() && payments.values().stream().allMatch(n -> n == 1),
                        "one PAID payment per paid invoice: " + payments.values().stream().mapToInt(Integer::intValue).sum()
                                + " for " + payments.size() + " invoices");
                List<String> audited = dsl.select(AUDIT_LOG.SUBJECT).from(AUDIT_LOG).where(AUDIT_LOG.ACTION.eq("invoice.paid"))
                        .fetch(AUDIT_LOG.SUBJECT);
                expect(audited.size() == paid.size() && Set.copyOf(audited).equals(paid),
                        "one invoice.paid audit line per paid invoice: " + audited.size());
                Map<String, String> services = new HashMap<>();
                dsl.select(SERVICES.DOMAIN, SERVICES.STATUS).from(SERVICES).join(INVOICES).on(INVOICES.SERVICE_ID.eq(SERVICES.ID))
                        .where(INVOICES.STATUS.eq("PAID")).fetch().forEach(r -> services.put(r.value1(), r.value2()));
                long active = services.values().stream().filter("ACTIVE"::equals).count();
                expect(services.keySet().equals(paidDomains) && active == paid.size(),
                        "every paid order's service ACTIVE: " + active + " of " + paid.size());
                printTimings(dsl);
                int dead = dsl.fetchCount(JOBS, JOBS.STATUS.eq("DEAD"));
                expect(dead == 0, "no job DEAD: " + dead);
                int unpaidOpen = dsl.fetchCount(INVOICES, INVOICES.STATUS.eq("UNPAID"));
                System.out.printf("  (orders left unpaid after an error: %d invoices UNPAID)%n", unpaidOpen);
            }
            Map<String, Long> accounts = whm.accounts().stream().collect(Collectors.groupingBy(SimAccount::domain, Collectors.counting()));
            expect(accounts.keySet().equals(paidDomains) && accounts.values().stream().allMatch(n -> n == 1),
                    "one cPanel account on the WHM simulator per paid order, none other: " + whm.accountCount()
                            + " accounts for " + paidDomains.size() + " paid orders");
            expect(whm.createAccountCalls() == paid.size(), "one createacct per paid order: " + whm.createAccountCalls());
            System.out.printf("  (Strike simulator: %d invoices, %d API requests, %d webhooks delivered of %d attempted)%n",
                    strike.invoiceCount(), strike.apiRequests(), strike.webhooksDelivered(), strike.webhooksAttempted());
            soak.stuck.stream().limit(5).forEach(s -> System.out.println("  FAIL a customer waited in vain: " + s));
            if (soak.stuck.size() > 5) {
                System.out.println("  … and " + (soak.stuck.size() - 5) + " more");
            }
            return pass;
        }

        /**
         * From the wallet's payment to the service ACTIVE, by the times in the database, in three legs: the first webhook
         * about the payment received (the simulator's one sender thread and Hostr's answer), the invoice PAID (Hostr's
         * job queue, a GET to Strike, the settlement), the service ACTIVE (the provisioning job and its WHM calls).
         */
        private void printTimings(DSLContext dsl) {
            Map<String, List<Instant>> received = dsl.select(WEBHOOK_EVENTS.ENTITY_ID, WEBHOOK_EVENTS.RECEIVED_AT).from(WEBHOOK_EVENTS)
                    .fetchGroups(WEBHOOK_EVENTS.ENTITY_ID, WEBHOOK_EVENTS.RECEIVED_AT);
            Page webhook = new Page("webhook");
            Page settled = new Page("settled");
            Page provisioned = new Page("provisioned");
            Page total = new Page("total");
            dsl.select(INVOICES.NUMBER, PAYMENTS.PROVIDER_INVOICE_ID, INVOICES.PAID_AT, SERVICES.ACTIVATED_AT).from(INVOICES)
                    .join(PAYMENTS).on(PAYMENTS.INVOICE_ID.eq(INVOICES.ID)).join(SERVICES).on(SERVICES.ID.eq(INVOICES.SERVICE_ID))
                    .where(INVOICES.STATUS.eq("PAID")).and(PAYMENTS.STATE.eq("PAID")).fetch().forEach(r -> {
                        WalletPayment wallet = soak.paid.get(r.value1());
                        Instant in = received.getOrDefault(r.value2(), List.of()).stream().filter(t -> !t.isBefore(wallet.at()))
                                .min(Comparator.naturalOrder()).orElse(null);
                        if (in != null && r.value3() != null && r.value4() != null) {
                            webhook.answered(Duration.between(wallet.at(), in).toNanos());
                            settled.answered(Duration.between(in, r.value3()).toNanos());
                            provisioned.answered(Duration.between(r.value3(), r.value4()).toNanos());
                            total.answered(Duration.between(wallet.at(), r.value4()).toNanos());
                        }
                    });
            System.out.printf("  (wallet paid -> first webhook in: %s; -> invoice PAID: %s; -> service ACTIVE: %s; in all: %s)%n",
                    p50p99(webhook), p50p99(settled), p50p99(provisioned), p50p99(total));
        }

        private static String p50p99(Page p) {
            return String.format("p50 %.0f ms, p99 %.0f ms", p.percentile(0.50) / 1e6, p.percentile(0.99) / 1e6);
        }

        private void expect(boolean ok, String what) {
            System.out.println("  " + (ok ? "PASS " : "FAIL ") + what);
            pass &= ok;
        }
    }
}
