package org.hostr.drills;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hostr.config.HostrConfig;
import org.hostr.nostr.Nip19;
import org.hostr.payments.strike.StrikeClient;
import org.hostr.payments.strike.StrikeRetryPolicy;
import org.hostr.sim.strike.StrikeSimulator;
import org.hostr.sim.strike.StrikeSimulatorSettings;
import org.hostr.sim.whm.WhmSimulator;
import org.hostr.testing.TestApp;
import org.hostr.testing.TestDatabases;
import org.hostr.testing.TestNostr;
import org.jooq.DSLContext;

/**
 * Two Hostr instances on one PostgreSQL schema, as an operator runs them: same config and secrets, the movable clock
 * ([dev] test_clock) so a billing month passes in seconds, one Strike simulator and one WHM simulator.
 *
 * <p>Strike's webhooks go to one URL, a round-robin balancer in front of both instances. That is the most faithful of
 * the ways to spread them: Strike knows only the shop's public URL, and each delivery takes the real path (Strike's
 * signing and retries, the balancer, either instance). Subscribing each instance would be a setup no operator has, and
 * webhooks the test signed itself would leave Strike's side out.
 */
final class TwoInstanceShop implements AutoCloseable {
    private static final String STRIKE_KEY = "drill-strike-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    final StrikeSimulator strike = new StrikeSimulator(StrikeSimulatorSettings.defaults(STRIKE_KEY)).start(0);
    final WhmSimulator whm = new WhmSimulator().start(0);
    final TestNostr adminKey = new TestNostr();
    final List<TestApp> instances;
    final RoundRobinBalancer balancer;
    final TestNostr.Session admin;

    TwoInstanceShop() {
        HostrConfig config = config(TestDatabases.postgresConfig());
        // Started at the same moment, as a deployment restarts them: migrations and the config file's plans and
        // servers must cope with that (SimultaneousStartIT).
        CompletableFuture<TestApp> a = CompletableFuture.supplyAsync(() -> TestApp.start(config));
        CompletableFuture<TestApp> b = CompletableFuture.supplyAsync(() -> TestApp.start(config));
        try {
            instances = List.of(a.join(), b.join());
        } catch (RuntimeException e) {
            List.of(a, b).forEach(f -> f.thenAccept(TestApp::close));
            strike.stop();
            whm.stop();
            throw e;
        }
        balancer = new RoundRobinBalancer(List.of(instances.get(0).url(""), instances.get(1).url("")));
        try (StrikeClient client = new StrikeClient(strike.baseUrl(), STRIKE_KEY, Duration.ofSeconds(2),
                Duration.ofSeconds(5), StrikeRetryPolicy.defaults(), Clock.systemUTC())) {
            client.createSubscription(balancer.url("/webhooks/strike"), TestApp.WEBHOOK_SECRET, List.of("invoice.updated"));
        }
        // Every webhook twice: the balancer alternates, so each event reaches both instances.
        strike.faults().duplicateWebhooks(1);
        admin = adminKey.logIn(instances.get(0));
    }

    private HostrConfig config(HostrConfig.Database database) {
        HostrConfig c = TestApp.config(database);
        HostrConfig.Auth auth = c.auth();
        return new HostrConfig(c.server(), c.database(),
                new HostrConfig.Auth(List.of(Nip19.npubEncode(adminKey.pubkey())), auth.sessionSecret(),
                        auth.sessionTtlHours(), auth.relays(), auth.loginRatePerMinute()),
                // A short reconcile interval: both instances' reconcilers settle alongside the webhooks.
                new HostrConfig.Strike(strike.baseUrl(), STRIKE_KEY, TestApp.WEBHOOK_SECRET, "USD", 2),
                c.billing(), c.secrets(), c.metrics(), new HostrConfig.Dev(true), c.notices(), c.plans(),
                List.of(new HostrConfig.WhmServerEntry("whm-1", whm.baseUrl(), WhmSimulator.DEFAULT_USER,
                        WhmSimulator.DEFAULT_TOKEN, 1000, "", true)));
    }

    TestApp instance(int i) {
        return instances.get(i % instances.size());
    }

    DSLContext db() {
        return instances.get(0).app().database().dsl();
    }

    HttpResponse<String> post(int instance, TestNostr.Session session, String path, String json) {
        TestApp app = instance(instance);
        return app.send(HttpRequest.newBuilder(URI.create(app.url(path))).timeout(Duration.ofSeconds(30))
                .header("Cookie", session.cookie()).header("X-CSRF-Token", session.csrf())
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    /**
     * Moves both instances' billing clocks to {@code now} and runs the sweep on both at the same moment. Each instance
     * has a clock of its own (as each machine has); moving both to one instant stands for machines kept in step by NTP.
     */
    void sweepBothAt(Instant now) {
        for (int i = 0; i < instances.size(); i++) {
            expect200(post(i, admin, "/api/v1/admin/clock", "{\"now\":\"" + now + "\"}"));
        }
        List<CompletableFuture<HttpResponse<String>>> sweeps = List.of(
                CompletableFuture.supplyAsync(() -> post(0, admin, "/api/v1/admin/billing/sweep", null)),
                CompletableFuture.supplyAsync(() -> post(1, admin, "/api/v1/admin/billing/sweep", null)));
        sweeps.forEach(s -> expect200(s.join()));
    }

    /** Places an order on one instance; returns its invoice number. */
    String order(int instance, TestNostr.Session customer, String domain) {
        HttpResponse<String> order = post(instance, customer, "/api/v1/orders",
                "{\"plan\":\"basic\",\"domain\":\"" + domain + "\"}");
        if (order.statusCode() != 201) {
            throw new AssertionError("order answered " + order.statusCode() + ": " + order.body());
        }
        return field(order.body(), "/invoice/number");
    }

    /** Pays as a wallet would: asks an instance for the invoice's BOLT11, then pays it at the simulated Strike. */
    void payFromWallet(int instance, TestNostr.Session customer, String number) {
        String pay = expect200(post(instance, customer, "/api/v1/invoices/" + number + "/pay", null)).body();
        strike.payLnInvoice(field(pay, "/bolt11"));
    }

    static String field(String json, String pointer) {
        try {
            return JSON.readTree(json).at(pointer).asText();
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static HttpResponse<String> expect200(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError(response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    @Override
    public void close() {
        balancer.close();
        instances.forEach(TestApp::close);
        strike.stop();
        whm.stop();
    }
}
