package org.hostr.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.hostr.config.HostrConfig;
import org.hostr.nostr.GiftUnwrapper;
import org.hostr.nostr.InvalidGiftWrapException;
import org.hostr.nostr.Keys;
import org.hostr.nostr.Nip19;
import org.hostr.nostr.NostrEvent;
import org.hostr.nostr.NostrKeyPair;
import org.hostr.nostr.Rumor;
import org.hostr.nostr.relay.TestRelay;
import org.hostr.payments.strike.StrikeClient;
import org.hostr.payments.strike.StrikeRetryPolicy;
import org.hostr.sim.strike.StrikeSimulator;
import org.hostr.sim.strike.StrikeSimulatorSettings;
import org.hostr.testing.TestApp;
import org.hostr.testing.TestDatabases.Kind;
import org.hostr.testing.TestNostr;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Notices in the running shop: a paid order's receipt reaches the customer; the shop's identity; the account page. */
class NoticeAppIT {
    private static final String STRIKE_KEY = "test-strike-key";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TestRelay relays;
    private final NostrKeyPair shop = Keys.generate();

    @BeforeAll
    static void startRelays() {
        relays = new TestRelay();
    }

    @AfterAll
    static void stopRelays() {
        relays.close();
    }

    private HostrConfig withShop(HostrConfig c, String relay, String strikeUrl) {
        HostrConfig.Strike s = c.strike();
        return new HostrConfig(c.server(), c.database(), c.auth(),
                new HostrConfig.Strike(strikeUrl, STRIKE_KEY, s.webhookSecret(), s.invoiceCurrency(), 1),
                c.billing(), c.secrets(), c.metrics(), c.dev(),
                new HostrConfig.Notify(Nip19.nsecEncode(shop.secretKey()), List.of(relay), true, "Hostr test", "shop", 2),
                c.plans(), c.whmServers());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPaidOrderBringsTheCustomerAReceiptOnlyTheyCanRead(Kind kind) throws Exception {
        String name = "paid-" + kind;
        String inbox = relays.accepting(name);
        try (StrikeSimulator sim = new StrikeSimulator(StrikeSimulatorSettings.defaults(STRIKE_KEY)).start(0);
             TestApp app = TestApp.start(kind, c -> withShop(c, inbox, sim.baseUrl()), List.of());
             StrikeClient strike = new StrikeClient(sim.baseUrl(), STRIKE_KEY, Duration.ofSeconds(2), Duration.ofSeconds(5),
                     StrikeRetryPolicy.defaults(), Clock.systemUTC())) {
            strike.createSubscription(app.url("/webhooks/strike"), TestApp.WEBHOOK_SECRET, List.of("invoice.updated"));
            TestNostr customer = new TestNostr();
            TestNostr.Session s = customer.logIn(app);
            String number = post(app, s, "/api/v1/orders", "{\"plan\":\"basic\",\"domain\":\"notice.example\"}").body()
                    .replaceAll("(?s).*\"number\":\"(INV-[0-9-]+)\".*", "$1");
            String bolt11 = post(app, s, "/api/v1/invoices/" + number + "/pay", null).body()
                    .replaceAll("(?s).*\"bolt11\":\"([^\"]+)\".*", "$1");

            sim.payLnInvoice(bolt11);

            NostrEvent wrap = eventually(() -> messageWithSubject(name, customer.secretKey(), "Payment for " + number));
            Rumor receipt = GiftUnwrapper.unwrap(wrap, customer.secretKey());
            assertThat(receipt.pubkey()).isEqualTo(shop.pubkey());
            assertThat(receipt.kind()).isEqualTo(14);
            assertThat(receipt.content()).contains("Payment received for invoice " + number, "$5.00",
                    "http://localhost:8080/receipts/" + number);
            assertThatThrownBy(() -> GiftUnwrapper.unwrap(wrap, Keys.generate().secretKey()))
                    .isInstanceOf(InvalidGiftWrapException.class);
            assertThat(messageWithSubject(name, customer.secretKey(), "Order " + number)).isPresent();
        }
    }

    @Test
    void theShopsNip05NamesItsKeyToAnyOrigin() throws Exception {
        String relay = relays.accepting("nip05");
        try (TestApp app = TestApp.start(Kind.SQLITE, c -> withShop(c, relay, "http://127.0.0.1:9"), List.of())) {
            HttpResponse<String> ours = app.get("/.well-known/nostr.json?name=shop");
            HttpResponse<String> someoneElse = app.get("/.well-known/nostr.json?name=alice");
            HttpResponse<String> bad = app.get("/.well-known/nostr.json?name="
                    + URLEncoder.encode("<x>", StandardCharsets.UTF_8));

            assertThat(ours.statusCode()).isEqualTo(200);
            assertThat(ours.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
            JsonNode body = JSON.readTree(ours.body());
            assertThat(body.path("names").path("shop").asText()).isEqualTo(shop.pubkey());
            assertThat(body.path("relays").path(shop.pubkey()).get(0).asText()).isEqualTo(relay);
            assertThat(JSON.readTree(someoneElse.body()).path("names").size()).isZero();
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("bad_name");
        }
    }

    @Test
    void theShopPublishesItsProfileAtStart() throws Exception {
        String relay = relays.accepting("profile");
        try (TestApp app = TestApp.start(Kind.SQLITE, c -> withShop(c, relay, "http://127.0.0.1:9"), List.of())) {
            NostrEvent profile = eventually(() -> NoticeFixture.published(relays, "profile").stream()
                    .filter(e -> e.kind() == 0).findFirst());

            assertThat(profile.pubkey()).isEqualTo(shop.pubkey());
            JsonNode content = JSON.readTree(profile.content());
            assertThat(content.path("name").asText()).isEqualTo("Hostr test");
            assertThat(content.path("nip05").asText()).isEqualTo("shop@localhost");
            assertThat(content.path("website").asText()).isEqualTo("http://localhost:8080");
        }
    }

    @Test
    void theAccountPageSwitchesNoticesOffWithItsForm() throws Exception {
        try (TestApp app = TestApp.start(Kind.SQLITE, c -> withShop(c, relays.accepting("page"), "http://127.0.0.1:9"),
                List.of())) {
            TestNostr.Session s = new TestNostr().logIn(app);
            String page = app.get("/account", "Cookie", s.cookie()).body();
            assertThat(page).contains("id=\"notices-heading\"", "name=\"kind\" value=\"payment_received\" checked",
                    Nip19.npubEncode(shop.pubkey()));

            HttpResponse<String> forged = form(app, s, "kind=payment_received&csrf_token=forged");
            HttpResponse<String> saved = form(app, s, "kind=payment_received&csrf_token="
                    + URLEncoder.encode(s.csrf(), StandardCharsets.UTF_8));
            HttpResponse<String> unknown = put(app, s, "{\"password_reset\": false}");
            HttpResponse<String> notABoolean = put(app, s, "{\"order_received\": \"no\"}");

            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(saved.statusCode()).isEqualTo(303);
            String settings = app.get("/api/v1/me/notices", "Cookie", s.cookie()).body();
            assertThat(settings).contains("{\"kind\":\"payment_received\",\"label\":\"A payment arrives (with the receipt"
                    + " link)\",\"enabled\":true}").contains("\"kind\":\"order_received\"", "\"enabled\":false");
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(unknown.body()).contains("unknown_notice_kind");
            assertThat(notABoolean.statusCode()).isEqualTo(400);
            assertThat(app.get("/account", "Cookie", s.cookie()).body())
                    .contains("name=\"kind\" value=\"order_received\">");
        }
    }

    @Test
    void adminsListTheOutboxWithoutTheMessagesThemselves() throws Exception {
        TestNostr admin = new TestNostr();
        String relay = relays.accepting("outbox");
        try (TestApp app = TestApp.start(Kind.SQLITE, c -> withAdmin(withShop(c, relay, "http://127.0.0.1:9"), admin),
                List.of())) {
            TestNostr.Session customer = new TestNostr().logIn(app);
            TestNostr.Session adminSession = admin.logIn(app);
            post(app, customer, "/api/v1/orders", "{\"plan\":\"basic\",\"domain\":\"outbox.example\"}");

            HttpResponse<String> list = app.get("/api/v1/admin/notices?limit=10",
                    "Cookie", adminSession.cookie());
            HttpResponse<String> byCustomer = app.get("/api/v1/admin/notices", "Cookie", customer.cookie());
            HttpResponse<String> badStatus = app.get("/api/v1/admin/notices?status=LOST", "Cookie", adminSession.cookie());

            assertThat(list.statusCode()).isEqualTo(200);
            JsonNode notices = JSON.readTree(list.body()).path("notices");
            assertThat(notices).isNotEmpty();
            assertThat(notices.get(0).path("kind").asText()).isEqualTo("order_received");
            assertThat(list.body()).doesNotContain("outbox.example", "Thank you");
            assertThat(byCustomer.statusCode()).isEqualTo(403);
            assertThat(badStatus.statusCode()).isEqualTo(400);
        }
    }

    private static HostrConfig withAdmin(HostrConfig c, TestNostr admin) {
        HostrConfig.Auth a = c.auth();
        return new HostrConfig(c.server(), c.database(), new HostrConfig.Auth(List.of(Nip19.npubEncode(admin.pubkey())),
                a.sessionSecret(), a.sessionTtlHours(), a.relays(), a.loginRatePerMinute()), c.strike(), c.billing(),
                c.secrets(), c.metrics(), c.dev(), c.notices(), c.plans(), c.whmServers());
    }

    private Optional<NostrEvent> messageWithSubject(String relay, byte[] secretKey, String subject) {
        for (NostrEvent wrap : NoticeFixture.published(relays, relay)) {
            try {
                if (subject.equals(GiftUnwrapper.unwrap(wrap, secretKey).firstTagValue("subject"))) {
                    return Optional.of(wrap);
                }
            } catch (InvalidGiftWrapException notForThisKey) {
                // another recipient's message on the same relay
            }
        }
        return Optional.empty();
    }

    private static <T> T eventually(Supplier<Optional<T>> probe) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("not seen within 30 s");
            }
            Thread.sleep(100);
        }
    }

    private static HttpResponse<String> post(TestApp app, TestNostr.Session s, String path, String json) {
        return app.send(HttpRequest.newBuilder(URI.create(app.url(path))).timeout(Duration.ofSeconds(30))
                .header("Cookie", s.cookie()).header("X-CSRF-Token", s.csrf()).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private static HttpResponse<String> put(TestApp app, TestNostr.Session s, String json) {
        return app.send(HttpRequest.newBuilder(URI.create(app.url("/api/v1/me/notices"))).timeout(Duration.ofSeconds(30))
                .header("Cookie", s.cookie()).header("X-CSRF-Token", s.csrf()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static HttpResponse<String> form(TestApp app, TestNostr.Session s, String body) {
        return app.send(HttpRequest.newBuilder(URI.create(app.url("/account/notices"))).timeout(Duration.ofSeconds(30))
                .header("Cookie", s.cookie()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
