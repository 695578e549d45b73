package org.hostr.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hostr.config.HostrConfig;
import org.hostr.nostr.NostrEvent;
import org.hostr.testing.TestApp;
import org.hostr.testing.TestDatabases.Kind;
import org.hostr.testing.TestNostr;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LoginIT {
    static TestApp app;
    static final String LOGIN_URL = TestNostr.BASE + "/api/v1/auth/login";

    @BeforeAll
    static void start() {
        app = TestApp.start(Kind.SQLITE);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String error(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        return r.body().replaceAll(".*\"error\":\"([a-z_]+)\".*", "$1");
    }

    private static NostrEvent event(TestNostr key, int kind, String url, String method, String challenge, long createdAt) {
        return key.sign(kind, List.of(List.of("u", url), List.of("method", method), List.of("challenge", challenge)), createdAt);
    }

    @Test
    void challengeIsLongRandomAndExpiresInFiveMinutes() {
        HttpResponse<String> r = app.get("/api/v1/auth/challenge");
        assertThat(r.statusCode()).isEqualTo(200);
        String challenge = r.body().replaceAll(".*\"challenge\":\"([0-9a-f]+)\".*", "$1");
        Instant expires = Instant.parse(r.body().replaceAll(".*\"expires_at\":\"([^\"]+)\".*", "$1"));
        assertThat(challenge).hasSize(64);
        assertThat(expires).isBetween(Instant.now().plusSeconds(290), Instant.now().plusSeconds(301));
        assertThat(TestNostr.challenge(app)).isNotEqualTo(challenge);
    }

    @Test
    void validLoginSetsASafeSessionCookie() {
        TestNostr key = new TestNostr();
        HttpResponse<String> r = TestNostr.postLogin(app, TestNostr.header(key.loginEvent(TestNostr.challenge(app))));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"pubkey\":\"" + key.pubkey() + "\"", "\"npub\":\"npub1", "\"admin\":false");
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("hostr_session=").contains("HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=86400")
                .doesNotContain("Secure");
    }

    @Test
    void eachBrokenLoginGetsItsOwnCode() {
        TestNostr key = new TestNostr();
        long now = Instant.now().getEpochSecond();
        String c = TestNostr.challenge(app);

        assertThat(error(TestNostr.postLogin(app, null))).isEqualTo("malformed");
        assertThat(error(TestNostr.postLogin(app, "Nostr !!!notbase64"))).isEqualTo("malformed");
        assertThat(error(TestNostr.postLogin(app, TestNostr.header(event(key, 1, LOGIN_URL, "POST", c, now))))).isEqualTo("wrong_kind");
        assertThat(error(TestNostr.postLogin(app, TestNostr.header(event(key, 27235, LOGIN_URL, "POST", c, now - 120))))).isEqualTo("stale");
        assertThat(error(TestNostr.postLogin(app, TestNostr.header(event(key, 27235, LOGIN_URL, "POST", c, now + 120))))).isEqualTo("stale");
        assertThat(error(TestNostr.postLogin(app, TestNostr.header(event(key, 27235, "https://evil.example/api/v1/auth/login", "POST", c, now))))).isEqualTo("wrong_url");
        assertThat(error(TestNostr.postLogin(app, TestNostr.header(event(key, 27235, LOGIN_URL, "GET", c, now))))).isEqualTo("wrong_method");
        assertThat(error(TestNostr.postLogin(app, TestNostr.header(event(key, 27235, LOGIN_URL, "POST", "00ff", now))))).isEqualTo("unknown_challenge");

        NostrEvent good = event(key, 27235, LOGIN_URL, "POST", c, now);
        NostrEvent badId = new NostrEvent("0".repeat(64), good.pubkey(), good.createdAt(), good.kind(), good.tags(), good.content(), good.sig());
        assertThat(error(TestNostr.postLogin(app, TestNostr.header(badId)))).isEqualTo("bad_id");
        NostrEvent other = event(new TestNostr(), 27235, LOGIN_URL, "POST", c, now);
        NostrEvent badSig = new NostrEvent(good.id(), good.pubkey(), good.createdAt(), good.kind(), good.tags(), good.content(), other.sig());
        assertThat(error(TestNostr.postLogin(app, TestNostr.header(badSig)))).isEqualTo("bad_signature");

        // None of the failures consumed the challenge: the real event still logs in, once.
        assertThat(TestNostr.postLogin(app, TestNostr.header(good)).statusCode()).isEqualTo(200);
        assertThat(error(TestNostr.postLogin(app, TestNostr.header(good)))).isEqualTo("replayed");
    }

    @Test
    void expiredChallengeIsUnknown() {
        // A challenge that was never issued by this server looks the same as one that expired.
        TestNostr key = new TestNostr();
        assertThat(error(TestNostr.postLogin(app, TestNostr.header(key.loginEvent("ab".repeat(32)))))).isEqualTo("unknown_challenge");
    }

    @Test
    void twoLoginsRacingForOneChallengeLetExactlyOneIn() throws Exception {
        String challenge = TestNostr.challenge(app);
        List<Callable<Integer>> racers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String header = TestNostr.header(new TestNostr().loginEvent(challenge));
            racers.add(() -> TestNostr.postLogin(app, header).statusCode());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(racers)) {
                codes.add(f.get());
            }
            assertThat(codes).filteredOn(c -> c == 200).hasSize(1);
            assertThat(codes).filteredOn(c -> c == 401).hasSize(7);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void firstLoginCreatesTheCustomerAndLaterLoginsFindIt() {
        TestNostr key = new TestNostr();
        TestNostr.Session first = key.logIn(app);
        String me1 = app.get("/api/v1/me", "Cookie", first.cookie()).body();
        TestNostr.Session second = key.logIn(app);
        String me2 = app.get("/api/v1/me", "Cookie", second.cookie()).body();

        assertThat(me1).contains(key.pubkey()).contains("\"services\":[]").contains("\"csrf_token\"");
        assertThat(first.cookie()).isNotEqualTo(second.cookie());
        assertThat(me2.replaceAll("\"csrf_token\":\"[^\"]+\"", "")).isEqualTo(me1.replaceAll("\"csrf_token\":\"[^\"]+\"", ""));
    }

    @Test
    void rateLimitRefusesTooManyChallengesFromOneAddress() {
        try (TestApp limited = TestApp.start(Kind.SQLITE, c -> withLoginRate(c, 3), List.of())) {
            for (int i = 0; i < 3; i++) {
                assertThat(limited.get("/api/v1/auth/challenge").statusCode()).isEqualTo(200);
            }
            HttpResponse<String> refused = limited.get("/api/v1/auth/challenge");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.body()).contains("rate_limited");
        }
    }

    static HostrConfig withLoginRate(HostrConfig c, int perMinute) {
        HostrConfig.Auth a = c.auth();
        return new HostrConfig(c.server(), c.database(),
                new HostrConfig.Auth(a.adminNpubs(), a.sessionSecret(), a.sessionTtlHours(), a.relays(), perMinute),
                c.strike(), c.billing(), c.secrets(), c.metrics(), c.dev(), c.notices(), c.plans(),
                c.whmServers());
    }
}
