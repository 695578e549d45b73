package org.hostr.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
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

/**
 * A real Hostr on one database, wired to the Strike and WHM simulators with signed webhooks subscribed, so an order is
 * paid from a wallet and becomes a cPanel account. Plans: Basic ($5) and Standard ($12) on sale, Legacy retired; one
 * admin key. The public URL stays the test default, because TestNostr signs NIP-98 headers for it.
 */
final class CustomerShop implements AutoCloseable {
    static final String FORM = "application/x-www-form-urlencoded";
    static final String JSON = "application/json";
    private static final String STRIKE_KEY = "customers-strike-key";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final StrikeSimulator strike;
    final WhmSimulator whm;
    final TestApp app;
    /** The shop's one admin key (auth.admin_npubs). */
    final TestNostr admin;

    private CustomerShop(StrikeSimulator strike, WhmSimulator whm, TestApp app, TestNostr admin) {
        this.strike = strike;
        this.whm = whm;
        this.app = app;
        this.admin = admin;
    }

    static CustomerShop start(TestDatabases.Kind kind) {
        StrikeSimulator strike = new StrikeSimulator(StrikeSimulatorSettings.defaults(STRIKE_KEY)).start(0);
        WhmSimulator whm = new WhmSimulator().withPackage("legacy", 512, 5120).start(0);
        try {
            TestNostr admin = new TestNostr();
            TestApp app = TestApp.start(kind, c -> configure(c, strike, whm, admin), List.of());
            try (StrikeClient client = new StrikeClient(strike.baseUrl(), STRIKE_KEY, Duration.ofSeconds(2),
                    Duration.ofSeconds(5), StrikeRetryPolicy.defaults(), Clock.systemUTC())) {
                client.createSubscription(app.url("/webhooks/strike"), TestApp.WEBHOOK_SECRET, List.of("invoice.updated"));
            }
            return new CustomerShop(strike, whm, app, admin);
        } catch (RuntimeException e) {
            strike.stop();
            whm.stop();
            throw e;
        }
    }

    private static HostrConfig configure(HostrConfig c, StrikeSimulator strike, WhmSimulator whm, TestNostr admin) {
        HostrConfig.Auth auth = c.auth();
        return new HostrConfig(c.server(), c.database(),
                new HostrConfig.Auth(List.of(Nip19.npubEncode(admin.pubkey())), auth.sessionSecret(), auth.sessionTtlHours(),
                        auth.relays(), auth.loginRatePerMinute()),
                // Webhooks settle the payments; a rare reconciler run keeps background writes out of the comparisons.
                new HostrConfig.Strike(strike.baseUrl(), STRIKE_KEY, TestApp.WEBHOOK_SECRET, "USD", 600),
                c.billing(), c.secrets(), c.metrics(),
                // The movable clock also registers its admin route, one more route the access checks cover.
                new HostrConfig.Dev(true),
                c.notices(),
                List.of(plan("basic", "Basic", 500, true, 1), plan("standard", "Standard", 1200, true, 2),
                        plan("legacy", "Legacy", 300, false, 3)),
                List.of(new HostrConfig.WhmServerEntry("whm-1", whm.baseUrl(), WhmSimulator.DEFAULT_USER,
                        WhmSimulator.DEFAULT_TOKEN, 100, "", true)));
    }

    /** A monthly USD plan; its WHM package has the plan's slug (the simulator knows basic, standard and pro). */
    private static HostrConfig.PlanEntry plan(String slug, String name, long priceMinor, boolean onSale, long sort) {
        return new HostrConfig.PlanEntry(slug, name, name + " hosting", 10_240, 102_400, slug, priceMinor, 0, "USD", "P1M",
                onSale, sort);
    }

    /** A request as a logged-in browser makes it: the session cookie, and the page's CSRF token on every change. */
    HttpResponse<String> asBrowser(TestNostr.Session session, String method, String path, String contentType, String body) {
        HttpRequest.Builder request = request(method, path, contentType, body).header("Cookie", session.cookie());
        if (!"GET".equals(method)) {
            request.header("X-CSRF-Token", session.csrf());
        }
        return app.send(request.build());
    }

    /** A request as a script makes it: no cookie, a NIP-98 header signed by the key for exactly this request. */
    HttpResponse<String> asScript(TestNostr key, String method, String path, String body) {
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        return app.send(request(method, path, JSON, body).header("Authorization", key.nip98(method, path, bytes)).build());
    }

    private HttpRequest.Builder request(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url(path))).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        return request;
    }

    /** The JSON answer of a call that must succeed. */
    JsonNode ok(HttpResponse<String> answer) {
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException(answer.request().method() + " " + answer.request().uri().getPath()
                    + " answered " + answer.statusCode() + ": " + answer.body());
        }
        try {
            return MAPPER.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A form as the page posts it: url-encoded fields, the CSRF token among them, no header. */
    HttpResponse<String> submit(TestNostr.Session session, String path, String fields) {
        String body = "csrf_token=" + URLEncoder.encode(session.csrf(), StandardCharsets.UTF_8) + (fields.isEmpty() ? "" : "&" + fields);
        return app.send(request("POST", path, FORM, body).header("Cookie", session.cookie()).build());
    }

    /** An order for the domain, paid from a wallet and provisioned on WHM: the id of the customer's ACTIVE service. */
    long activeService(TestNostr.Session session, String plan, String domain) {
        JsonNode order = order(session, plan, domain);
        pay(session, order.path("invoice").path("number").asText());
        long serviceId = order.path("service_id").asLong();
        awaitService(session, serviceId, "ACTIVE");
        return serviceId;
    }

    /** Places an order through the API: the answer holds service_id and invoice.number. */
    JsonNode order(TestNostr.Session session, String plan, String domain) {
        return ok(asBrowser(session, "POST", "/api/v1/orders", JSON, "{\"plan\":\"" + plan + "\",\"domain\":\"" + domain + "\"}"));
    }

    /** Pays the invoice from a Lightning wallet (the simulated Strike settles it) and waits for the webhook. */
    void pay(TestNostr.Session session, String number) {
        String bolt11 = ok(asBrowser(session, "POST", "/api/v1/invoices/" + number + "/pay", null, null)).path("bolt11").asText();
        strike.payLnInvoice(bolt11);
        eventually("invoice " + number + " to be paid", () -> ok(asBrowser(session, "GET", "/api/v1/invoices/" + number, null, null))
                .path("status").asText().equals("PAID"));
    }

    /** Waits until the service reaches the status: payments and WHM jobs run in the background. */
    void awaitService(TestNostr.Session session, long serviceId, String status) {
        eventually("service " + serviceId + " to be " + status, () -> {
            for (JsonNode service : ok(asBrowser(session, "GET", "/api/v1/me", null, null)).path("services")) {
                if (service.path("id").asLong() == serviceId && status.equals(service.path("status").asText())) {
                    return true;
                }
            }
            return false;
        });
    }

    static void eventually(String what, Supplier<Boolean> condition) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("waited 30 s for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            strike.stop();
            whm.stop();
        }
    }
}
