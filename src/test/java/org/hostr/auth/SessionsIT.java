package org.hostr.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hostr.config.HostrConfig;
import org.hostr.nostr.Nip19;
import org.hostr.nostr.NostrEvent;
import org.hostr.testing.TestApp;
import org.hostr.testing.TestDatabases.Kind;
import org.hostr.testing.TestNostr;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SessionsIT {
    static final TestNostr ADMIN = new TestNostr();
    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start(Kind.SQLITE, SessionsIT::withAdminAndTestClock, List.of());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static HostrConfig withAdminAndTestClock(HostrConfig c) {
        HostrConfig.Auth a = c.auth();
        return new HostrConfig(c.server(), c.database(),
                new HostrConfig.Auth(List.of(Nip19.npubEncode(ADMIN.pubkey())), a.sessionSecret(), a.sessionTtlHours(),
                        a.relays(), a.loginRatePerMinute()),
                c.strike(), c.billing(), c.secrets(), c.metrics(), new HostrConfig.Dev(true), c.notices(), c.plans(),
                c.whmServers());
    }

    private static HttpResponse<String> send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.url(path))).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return app.send(b.build());
    }

    @Test
    void cookieChangesNeedTheCsrfToken() {
        TestNostr.Session s = new TestNostr().logIn(app);

        HttpResponse<String> without = send("POST", "/api/v1/auth/logout-everywhere", null, "Cookie", s.cookie());
        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(without.body()).contains("\"error\":\"csrf\"");
        assertThat(app.get("/api/v1/me", "Cookie", s.cookie()).statusCode()).isEqualTo(200);

        HttpResponse<String> with = send("POST", "/api/v1/auth/logout-everywhere", null, "Cookie", s.cookie(), "X-CSRF-Token", s.csrf());
        assertThat(with.statusCode()).isEqualTo(200);
        assertThat(app.get("/api/v1/me", "Cookie", s.cookie()).statusCode()).isEqualTo(401);
    }

    @Test
    void csrfTokenIsOnEveryPageForASignedInCustomer() {
        TestNostr.Session s = new TestNostr().logIn(app);
        assertThat(app.get("/", "Cookie", s.cookie()).body()).contains("<meta name=\"csrf-token\" content=\"" + s.csrf() + "\">");
        assertThat(app.get("/account", "Cookie", s.cookie()).body()).contains("csrf-token");
    }

    @Test
    void nip98AuthenticatesOneRequestOnce() {
        TestNostr key = new TestNostr();
        String header = key.nip98("GET", "/api/v1/me", null);

        HttpResponse<String> first = app.get("/api/v1/me", "Authorization", header);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains(key.pubkey());

        HttpResponse<String> again = app.get("/api/v1/me", "Authorization", header);
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(again.body()).contains("\"error\":\"replayed\"");
    }

    @Test
    void nip98ChecksUrlMethodAndPayload() {
        TestNostr key = new TestNostr();
        assertThat(app.get("/api/v1/me", "Authorization", key.nip98("GET", "/api/v1/me?x=1", null)).body()).contains("wrong_url");
        assertThat(app.get("/api/v1/me", "Authorization", key.nip98("POST", "/api/v1/me", null)).body()).contains("wrong_method");

        String body = "{\"confirm\":\"no\"}";
        String signedForOtherBody = key.nip98("DELETE", "/api/v1/me", "{\"confirm\":\"yes\"}".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> tampered = send("DELETE", "/api/v1/me", body, "Authorization", signedForOtherBody);
        assertThat(tampered.statusCode()).isEqualTo(401);
        assertThat(tampered.body()).contains("bad_payload");

        // NIP-98 needs no CSRF token: the signature is the proof.
        HttpResponse<String> ok = send("DELETE", "/api/v1/me", body, "Authorization",
                key.nip98("DELETE", "/api/v1/me", body.getBytes(StandardCharsets.UTF_8)));
        assertThat(ok.statusCode()).isEqualTo(400);
        assertThat(ok.body()).contains("confirmation_required");
    }

    @Test
    void customerCannotAskAboutAnotherCustomer() {
        TestNostr a = new TestNostr();
        TestNostr b = new TestNostr();
        TestNostr.Session sa = a.logIn(app);
        b.logIn(app);
        String npubB = Nip19.npubEncode(b.pubkey());

        assertThat(app.get("/api/v1/customers/" + npubB + "/exists", "Cookie", sa.cookie()).statusCode()).isEqualTo(403);
        assertThat(app.get("/api/v1/customers/" + Nip19.npubEncode(a.pubkey()) + "/exists", "Cookie", sa.cookie()).body())
                .contains("\"exists\":true");
        TestNostr.Session admin = ADMIN.logIn(app);
        assertThat(app.get("/api/v1/customers/" + npubB + "/exists", "Cookie", admin.cookie()).body()).contains("\"exists\":true");
        assertThat(app.get("/api/v1/customers/npub1garbage/exists", "Cookie", admin.cookie()).statusCode()).isEqualTo(400);
    }

    @Test
    void adminRoutesAnswerOthers403AndStrangers401() {
        TestNostr.Session customer = new TestNostr().logIn(app);
        assertThat(app.get("/api/v1/admin/clock").statusCode()).isEqualTo(401);
        assertThat(app.get("/api/v1/admin/clock", "Cookie", customer.cookie()).statusCode()).isEqualTo(403);
        TestNostr.Session admin = ADMIN.logIn(app);
        assertThat(app.get("/api/v1/admin/clock", "Cookie", admin.cookie()).statusCode()).isEqualTo(200);
    }

    @Test
    void adminMovesTheTestClockForwardOnly() {
        TestNostr.Session admin = ADMIN.logIn(app);
        Instant target = Instant.now().plus(Duration.ofDays(400));
        HttpResponse<String> moved = send("POST", "/api/v1/admin/clock", "{\"now\":\"" + target + "\"}",
                "Cookie", admin.cookie(), "X-CSRF-Token", admin.csrf(), "Content-Type", "application/json");
        assertThat(moved.statusCode()).isEqualTo(200);
        assertThat(app.app().clock().instant()).isAfterOrEqualTo(target);

        HttpResponse<String> back = send("POST", "/api/v1/admin/clock", "{\"now\":\"2020-01-01T00:00:00Z\"}",
                "Cookie", admin.cookie(), "X-CSRF-Token", admin.csrf());
        assertThat(back.statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/v1/admin/clock", "{\"now\":\"tomorrow\"}", "Cookie", admin.cookie(),
                "X-CSRF-Token", admin.csrf()).body()).contains("bad_time");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void clockRouteIsNotThereWithoutTestClock(Kind kind) {
        try (TestApp plain = TestApp.start(kind)) {
            TestNostr.Session s = new TestNostr().logIn(plain);
            assertThat(plain.get("/api/v1/admin/clock", "Cookie", s.cookie()).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void deletedAccountIsRestoredByLoggingInAgain() {
        TestNostr key = new TestNostr();
        TestNostr.Session s = key.logIn(app);
        HttpResponse<String> deleted = send("DELETE", "/api/v1/me", "{\"confirm\":\"delete my account\"}",
                "Cookie", s.cookie(), "X-CSRF-Token", s.csrf());
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).contains("restorable_until");
        assertThat(app.get("/api/v1/me", "Cookie", s.cookie()).statusCode()).isEqualTo(401);

        TestNostr.Session back = key.logIn(app);
        assertThat(app.get("/api/v1/me", "Cookie", back.cookie()).statusCode()).isEqualTo(200);
    }

    @Test
    void keyRotationMovesTheAccountToTheNewKey() {
        TestNostr oldKey = new TestNostr();
        TestNostr newKey = new TestNostr();
        TestNostr.Session s = oldKey.logIn(app);
        String idBefore = app.get("/api/v1/me", "Cookie", s.cookie()).body();

        NostrEvent proof = newKey.sign(27235, List.of(List.of("u", TestNostr.BASE + "/api/v1/me/rotate"),
                List.of("method", "POST"), List.of("p", oldKey.pubkey())), Instant.now().getEpochSecond());
        NostrEvent wrongOld = newKey.sign(27235, List.of(List.of("u", TestNostr.BASE + "/api/v1/me/rotate"),
                List.of("method", "POST"), List.of("p", newKey.pubkey())), Instant.now().getEpochSecond());

        HttpResponse<String> refused = send("POST", "/api/v1/me/rotate", "{\"event\":" + wrongOld.toJson() + "}",
                "Cookie", s.cookie(), "X-CSRF-Token", s.csrf());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("wrong_old_key");

        HttpResponse<String> rotated = send("POST", "/api/v1/me/rotate", "{\"event\":" + proof.toJson() + "}",
                "Cookie", s.cookie(), "X-CSRF-Token", s.csrf());
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        assertThat(app.get("/api/v1/me", "Cookie", s.cookie()).statusCode()).isEqualTo(401);
        TestNostr.Session fresh = newKey.logIn(app);
        String me = app.get("/api/v1/me", "Cookie", fresh.cookie()).body();
        assertThat(me).contains(newKey.pubkey());
        assertThat(idBefore).contains(oldKey.pubkey());
    }

    @Test
    void tamperedSessionCookieIsIgnored() {
        TestNostr.Session s = new TestNostr().logIn(app);
        String tampered = s.cookie().substring(0, s.cookie().length() - 3) + "AAA";
        assertThat(app.get("/api/v1/me", "Cookie", tampered).statusCode()).isEqualTo(401);
        assertThat(app.get("/account", "Cookie", tampered).statusCode()).isEqualTo(302);
    }
}
