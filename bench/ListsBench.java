// Server-side latency of the admin services and customer lists with 1,000 customers and 10,000 services (and their
// invoices and payments) in a fresh SQLite file, against the storefront home page measured in the same run. Hostr runs
// in this JVM; a filter added last times each request from its arrival at Jetty to the end of the handlers (page
// rendered), so the client's own overhead is left out. Requests are sent one at a time, the pages taking turns.
// Usage (through bench/lists.sh): java -cp target/hostr.jar bench/ListsBench.java <requests-per-page>
import static org.hostr.db.generated.Tables.CUSTOMERS;
import static org.hostr.db.generated.Tables.INVOICES;
import static org.hostr.db.generated.Tables.PAYMENTS;
import static org.hostr.db.generated.Tables.PLANS;
import static org.hostr.db.generated.Tables.SERVERS;
import static org.hostr.db.generated.Tables.SERVICES;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.hostr.Application;
import org.hostr.config.HostrConfig;
import org.hostr.nostr.EventSigner;
import org.hostr.nostr.EventTemplate;
import org.hostr.nostr.Keys;
import org.hostr.nostr.Nip19;
import org.hostr.nostr.NostrEvent;
import org.hostr.nostr.NostrKeyPair;
import org.hostr.web.RouteGroup;
import org.jooq.DSLContext;
import org.jooq.Query;

public class ListsBench {
    static final int CUSTOMERS_N = 1000;
    static final int PER_CUSTOMER = 10;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Map<String, List<Long>> SERVER_NANOS = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        int requests = Integer.parseInt(args[0]);
        NostrKeyPair admin = Keys.generate();
        RouteGroup timing = routes -> routes.after(ctx -> {
            String page = ctx.header("X-Bench-Page");
            if (page != null) {
                long began = ServletContextRequest.getServletContextRequest(ctx.req()).getBeginNanoTime();
                SERVER_NANOS.computeIfAbsent(page, p -> Collections.synchronizedList(new ArrayList<>())).add(System.nanoTime() - began);
            }
        });
        HostrConfig config = new HostrConfig(
                new HostrConfig.Server("127.0.0.1", 0, "http://localhost:8080", ""),
                new HostrConfig.Database("jdbc:sqlite:" + Files.createTempDirectory("hostr-bench").resolve("hostr.db"), "", "", 8),
                new HostrConfig.Auth(List.of(Nip19.npubEncode(admin.pubkey())), "bench-session-secret-0123456789abcdefghij", 24, List.of(), 1_000_000),
                new HostrConfig.Strike("http://127.0.0.1:9", "bench", "bench-webhook-secret", "USD", 3600),
                new HostrConfig.Billing("USD", 7, 3, 15, false, 7, 3600),
                new HostrConfig.Secrets("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="),
                new HostrConfig.Metrics(false, ""), new HostrConfig.Dev(false), HostrConfig.Notify.off(),
                List.of(new HostrConfig.PlanEntry("basic", "Basic", "Personal sites", 10240, 102400, "basic", 500, 0, "USD", "P1M", true, 1),
                        new HostrConfig.PlanEntry("pro", "Pro", "Busy sites", 51200, 512000, "pro", 12000, 0, "USD", "P1Y", true, 2)),
                List.of(new HostrConfig.WhmServerEntry("whm1", "http://127.0.0.1:1", "root", "TOKEN1", 100000, "", true),
                        new HostrConfig.WhmServerEntry("whm2", "http://127.0.0.1:2", "root", "TOKEN2", 100000, "", true)));
        Application app = Application.start(config, new Application.Options(false, "Hostr bench", List.of(timing)));
        String base = "http://127.0.0.1:" + app.port();
        try {
            long seeding = System.nanoTime();
            app.database().transactionRun(ListsBench::seed);
            System.out.printf("seeded %,d customers and %,d services (with invoices and payments) in %.1f s%n",
                    CUSTOMERS_N, CUSTOMERS_N * PER_CUSTOMER, (System.nanoTime() - seeding) / 1e9);
            String cookie = login(base, admin);
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("storefront home", "/");
            pages.put("admin services list", "/admin/services");
            pages.put("admin services list, page 100", "/admin/services?page=100");
            pages.put("admin customer list", "/admin/customers");
            for (int i = 0; i < Math.max(200, requests / 2); i++) { // warm the JIT and the page cache first
                for (String path : pages.values()) {
                    get(base + path, cookie, null);
                }
            }
            SERVER_NANOS.clear();
            for (int i = 0; i < requests; i++) {
                for (Map.Entry<String, String> page : pages.entrySet()) {
                    get(base + page.getValue(), cookie, page.getKey());
                }
            }
            double homeP50 = percentile("storefront home", 0.50);
            double homeP99 = percentile("storefront home", 0.99);
            System.out.printf("server-side latency over %d requests per page, one at a time (goal: each list p99 < 100 ms);%n"
                    + "in brackets: the ratio to the storefront home page%n", requests);
            for (String page : pages.keySet()) {
                double p50 = percentile(page, 0.50);
                double p99 = percentile(page, 0.99);
                System.out.printf("  %-30s p50 %6.2f ms (%4.1fx)  p99 %6.2f ms (%4.1fx)%n", page, p50, p50 / homeP50, p99, p99 / homeP99);
            }
        } finally {
            app.close();
        }
    }

    /** Multi-row inserts, 500 rows each: customers 1..1000 with 10 services each; a paid invoice and payment for even ids. */
    static void seed(DSLContext db) {
        List<Long> plans = db.select(PLANS.ID).from(PLANS).orderBy(PLANS.ID).fetch(PLANS.ID);
        List<Long> servers = db.select(SERVERS.ID).from(SERVERS).orderBy(SERVERS.ID).fetch(SERVERS.ID);
        String[] statuses = {"ACTIVE", "ACTIVE", "ACTIVE", "SUSPENDED", "EXPIRED", "TERMINATED", "PENDING", "PROVISIONING", "CANCELLED", "ACTIVE"};
        Instant now = Instant.now();
        Instant due = now.plusSeconds(60L * 86400); // well past the renewal lead, so the sweep stays idle
        List<Query> batch = new ArrayList<>();
        for (long from = 1; from <= CUSTOMERS_N; from += 500) {
            var customers = db.insertInto(CUSTOMERS, CUSTOMERS.ID, CUSTOMERS.PUBKEY, CUSTOMERS.NAME, CUSTOMERS.CREATED_AT);
            for (long c = from; c < from + 500; c++) {
                customers = customers.values(c, String.format("%064x", c), "Customer " + c, now);
            }
            batch.add(customers);
        }
        for (long from = 1; from <= (long) CUSTOMERS_N * PER_CUSTOMER; from += 500) {
            var services = db.insertInto(SERVICES, SERVICES.ID, SERVICES.CUSTOMER_ID, SERVICES.PLAN_ID, SERVICES.SERVER_ID,
                    SERVICES.DOMAIN, SERVICES.USERNAME, SERVICES.STATUS, SERVICES.NEXT_DUE_AT, SERVICES.CREATED_AT, SERVICES.UPDATED_AT);
            var invoices = db.insertInto(INVOICES, INVOICES.ID, INVOICES.NUMBER, INVOICES.CUSTOMER_ID, INVOICES.SERVICE_ID,
                    INVOICES.KIND, INVOICES.STATUS, INVOICES.SUBTOTAL_MINOR, INVOICES.TOTAL_MINOR, INVOICES.CURRENCY,
                    INVOICES.DUE_AT, INVOICES.CREATED_AT, INVOICES.PAID_AT);
            var payments = db.insertInto(PAYMENTS, PAYMENTS.ID, PAYMENTS.INVOICE_ID, PAYMENTS.PROVIDER, PAYMENTS.STATE,
                    PAYMENTS.CREATED_AT, PAYMENTS.UPDATED_AT, PAYMENTS.PAID_AT);
            for (long s = from; s < from + 500; s++) {
                boolean paid = s % 2 == 0;
                services = services.values(s, (s - 1) / PER_CUSTOMER + 1, plans.get((int) (s % plans.size())),
                        servers.get((int) (s % servers.size())), "site" + s + ".example", "u" + s,
                        statuses[(int) (s % statuses.length)], due, now, now);
                invoices = invoices.values(s, "INV-" + s, (s - 1) / PER_CUSTOMER + 1, s, "NEW", paid ? "PAID" : "UNPAID",
                        500L, 500L, "USD", now, now, paid ? now : null);
                if (paid) {
                    payments = payments.values(s, s, "strike", "PAID", now, now, now);
                }
            }
            batch.add(services);
            batch.add(invoices);
            batch.add(payments);
        }
        db.batch(batch).execute();
    }

    static double percentile(String page, double p) {
        List<Long> sorted = new ArrayList<>(SERVER_NANOS.get(page));
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * p) - 1)) / 1e6;
    }

    static void get(String url, String cookie, String page) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie);
        if (page != null) {
            request.header("X-Bench-Page", page);
        }
        HttpResponse<Void> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
    }

    static String login(String base, NostrKeyPair key) throws Exception {
        String challenge = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/challenge")).build(),
                HttpResponse.BodyHandlers.ofString()).body().replaceAll("(?s).*\"challenge\":\"([0-9a-f]+)\".*", "$1");
        NostrEvent event = EventSigner.sign(new EventTemplate(27235, List.of(List.of("u", "http://localhost:8080/api/v1/auth/login"),
                List.of("method", "POST"), List.of("challenge", challenge)), "", Instant.now().getEpochSecond()), key.secretKey());
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Authorization", "Nostr " + Base64.getEncoder().encodeToString(event.toJson().getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        return r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }
}
