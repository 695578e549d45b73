package org.hostr.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hostr.config.HostrConfig;
import org.hostr.nostr.Keys;
import org.hostr.nostr.Nip19;
import org.hostr.nostr.NostrKeyPair;
import org.hostr.payments.strike.StrikeClient;
import org.hostr.payments.strike.StrikeRetryPolicy;
import org.hostr.sim.strike.StrikeSimulator;
import org.hostr.sim.strike.StrikeSimulatorSettings;
import org.hostr.sim.whm.WhmSimulator;
import org.hostr.testing.TestApp;
import org.hostr.testing.TestDatabases;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * The shop as a customer's browser meets it: a real Hostr on SQLite with the movable clock ([dev] test_clock), wired to
 * the Strike and WHM simulators, with signed webhooks subscribed, plans Basic and Standard, and one admin key.
 * The public URL is the address the browser opens, so login events are signed for the URL the page really has.
 */
final class BrowserShop implements AutoCloseable {
    private static final String STRIKE_KEY = "browser-strike-key";

    final NostrKeyPair admin = Keys.generate();
    final StrikeSimulator strike = new StrikeSimulator(StrikeSimulatorSettings.defaults(STRIKE_KEY)).start(0);
    final WhmSimulator whm = new WhmSimulator().start(0);
    final TestApp app;

    BrowserShop() {
        int port = freePort();
        String publicUrl = "http://127.0.0.1:" + port;
        try {
            app = TestApp.start(TestDatabases.Kind.SQLITE, c -> configure(c, port, publicUrl), List.of());
            try (StrikeClient client = new StrikeClient(strike.baseUrl(), STRIKE_KEY, Duration.ofSeconds(2),
                    Duration.ofSeconds(5), StrikeRetryPolicy.defaults(), Clock.systemUTC())) {
                client.createSubscription(url("/webhooks/strike"), TestApp.WEBHOOK_SECRET, List.of("invoice.updated"));
            }
        } catch (RuntimeException e) {
            strike.stop();
            whm.stop();
            throw e;
        }
    }

    private HostrConfig configure(HostrConfig c, int port, String publicUrl) {
        HostrConfig.Auth auth = c.auth();
        return new HostrConfig(
                new HostrConfig.Server("127.0.0.1", port, publicUrl, ""),
                c.database(),
                new HostrConfig.Auth(List.of(Nip19.npubEncode(admin.pubkey())), auth.sessionSecret(), auth.sessionTtlHours(),
                        List.of(), auth.loginRatePerMinute()),
                // A short reconcile interval: a webhook lost in a slow CI run costs seconds, not the test.
                new HostrConfig.Strike(strike.baseUrl(), STRIKE_KEY, TestApp.WEBHOOK_SECRET, "USD", 2),
                c.billing(), c.secrets(), c.metrics(),
                new HostrConfig.Dev(true),
                c.notices(),
                List.of(new HostrConfig.PlanEntry("basic", "Basic", "Everything a personal site needs.", 10 * 1024, 100 * 1024,
                                "basic", 500, 0, "USD", "P1M", true, 1),
                        new HostrConfig.PlanEntry("standard", "Standard", "More room for a busy blog or a small shop.",
                                50 * 1024, 500 * 1024, "standard", 1200, 0, "USD", "P1M", true, 2)),
                List.of(new HostrConfig.WhmServerEntry("whm-1", whm.baseUrl(), WhmSimulator.DEFAULT_USER,
                        WhmSimulator.DEFAULT_TOKEN, 100, "", true)));
    }

    String url(String path) {
        return app.url(path);
    }

    /** What a Lightning wallet does with the BOLT11 the pay page shows: the simulated Strike settles it. */
    void payFromWallet(String bolt11) {
        strike.payLnInvoice(bolt11);
    }

    /** The JSON API, logged in with this key. */
    ApiSession api(NostrKeyPair key) {
        return new ApiSession(app, key);
    }

    /** Moves the shop's billing clock (POST /api/v1/admin/clock) and runs the billing sweep, as an admin script would. */
    void liveUntilAndSweep(Instant now) {
        ApiSession admin = api(this.admin);
        admin.post("/api/v1/admin/clock", "{\"now\":\"" + now + "\"}");
        admin.post("/api/v1/admin/billing/sweep", null);
    }

    /** An order for the domain, paid from a wallet and provisioned on WHM: the customer's service, now ACTIVE. */
    JsonNode activeService(NostrKeyPair customer, String domain) {
        ApiSession api = api(customer);
        JsonNode order = api.post("/api/v1/orders", "{\"plan\":\"basic\",\"domain\":\"" + domain + "\"}");
        payFromWallet(api.post("/api/v1/invoices/" + order.path("invoice").path("number").asText() + "/pay", null)
                .path("bolt11").asText());
        return awaitService(customer, order.path("service_id").asLong(), "ACTIVE");
    }

    /** Waits until the customer's service reaches the status (jobs and webhooks run in the background). */
    JsonNode awaitService(NostrKeyPair customer, long serviceId, String status) {
        ApiSession api = api(customer);
        return new FluentWait<>(api).withTimeout(Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(200))
                .withMessage(() -> "service " + serviceId + " to become " + status)
                .until(a -> {
                    for (JsonNode service : a.get("/api/v1/me").path("services")) {
                        if (service.path("id").asLong() == serviceId && status.equals(service.path("status").asText())) {
                            return service;
                        }
                    }
                    return null;
                });
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        app.close();
        strike.stop();
        whm.stop();
    }
}
