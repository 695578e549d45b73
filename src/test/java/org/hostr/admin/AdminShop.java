package org.hostr.admin;

import static org.hostr.db.generated.Tables.CUSTOMERS;
import static org.hostr.db.generated.Tables.PLANS;
import static org.hostr.db.generated.Tables.SERVERS;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.hostr.config.HostrConfig;
import org.hostr.nostr.Nip19;
import org.hostr.testing.TestApp;
import org.hostr.testing.TestDatabases.Kind;
import org.hostr.testing.TestNostr;
import org.hostr.testing.TestNostr.Session;
import org.jooq.DSLContext;

/**
 * A whole Hostr (real login, sessions, CSRF, workers) with a seeded fleet, an admin signed in, and the fleet's first
 * customer signed in with a real key. Seeded ids start at customer 1001, above the ids the app hands out itself.
 */
final class AdminShop implements AutoCloseable {
    static final long FIRST_CUSTOMER = 1001;

    final TestApp app;
    final AdminSeed.Fleet fleet;
    final Session admin;
    final Session customer;
    private final StatementsPerRequest statements;
    private final AtomicLong requests = new AtomicLong();

    private AdminShop(TestApp app, AdminSeed.Fleet fleet, Session admin, Session customer, StatementsPerRequest statements) {
        this.app = app;
        this.fleet = fleet;
        this.admin = admin;
        this.customer = customer;
        this.statements = statements;
    }

    static AdminShop start(Kind kind, int customers, int perCustomer) {
        TestNostr adminKey = new TestNostr();
        TestNostr customerKey = new TestNostr();
        StatementsPerRequest statements = new StatementsPerRequest();
        TestApp app = TestApp.start(kind, c -> withAdminPlansAndServers(c, adminKey), List.of(statements));
        try {
            app.app().database().addExecuteListener(statements);
            DSLContext db = app.app().database().dsl();
            Instant now = Instant.now();
            AdminSeed.Fleet fleet = new AdminSeed.Fleet(FIRST_CUSTOMER, customers, perCustomer,
                    db.select(PLANS.ID).from(PLANS).orderBy(PLANS.ID).fetch(PLANS.ID),
                    db.select(SERVERS.ID).from(SERVERS).orderBy(SERVERS.ID).fetch(SERVERS.ID),
                    now.plus(Duration.ofDays(60)));
            app.app().database().transactionRun(tx -> {
                AdminSeed.bulk(tx, fleet, now);
                AdminSeed.reviewsJobsAndAudit(tx, fleet, now);
                tx.update(CUSTOMERS).set(CUSTOMERS.PUBKEY, customerKey.pubkey()).where(CUSTOMERS.ID.eq(FIRST_CUSTOMER)).execute();
            });
            return new AdminShop(app, fleet, adminKey.logIn(app), customerKey.logIn(app), statements);
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    /** The test config with an admin key, a second plan, and two WHM servers that refuse connections at once. */
    private static HostrConfig withAdminPlansAndServers(HostrConfig c, TestNostr admin) {
        HostrConfig.Auth a = c.auth();
        List<HostrConfig.PlanEntry> plans = new java.util.ArrayList<>(c.plans());
        plans.add(new HostrConfig.PlanEntry("pro", "Pro", "Busy sites", 51200, 512000, "pro", 12000, 0, "USD", "P1Y", true, 2));
        return new HostrConfig(c.server(), c.database(),
                new HostrConfig.Auth(List.of(Nip19.npubEncode(admin.pubkey())), a.sessionSecret(), a.sessionTtlHours(),
                        a.relays(), a.loginRatePerMinute()),
                c.strike(), c.billing(), c.secrets(), c.metrics(), c.dev(), c.notices(), plans,
                List.of(new HostrConfig.WhmServerEntry("whm1", "http://127.0.0.1:1", "root", "TOKEN1", 100000, "", true),
                        new HostrConfig.WhmServerEntry("whm2", "http://127.0.0.1:2", "root", "TOKEN2", 100000, "", true)));
    }

    DSLContext db() {
        return app.app().database().dsl();
    }

    HttpResponse<String> get(String path, Session who) {
        return app.send(request(path, who).GET().build());
    }

    /** A form post as the page sends it, with the session's CSRF token unless the form names its own. */
    HttpResponse<String> post(String path, Session who, Map<String, String> form) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        fields.putIfAbsent("csrf_token", who.csrf());
        fields.values().removeIf(v -> v == null);
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return app.send(request(path, who).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The SQL statements one GET of the page sends; the page must answer 200. */
    int statements(String path, Session who) {
        String id = Long.toString(requests.incrementAndGet());
        HttpResponse<String> page = app.send(request(path, who).header(StatementsPerRequest.HEADER, id).GET().build());
        if (page.statusCode() != 200) {
            throw new AssertionError(path + " answered " + page.statusCode() + ": " + page.body());
        }
        return statements.of(id);
    }

    private HttpRequest.Builder request(String path, Session who) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.url(path))).timeout(Duration.ofSeconds(30))
                .header("Accept", "text/html");
        return who == null ? b : b.header("Cookie", who.cookie());
    }

    @Override
    public void close() {
        app.close();
    }
}
