package org.hostr.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hostr.nostr.nip46.TestSigner.Behaviour.AUTH_URL_FIRST;
import static org.hostr.nostr.nip46.TestSigner.Behaviour.OBEDIENT;
import static org.hostr.nostr.nip46.TestSigner.Behaviour.REFUSING;
import static org.hostr.nostr.nip46.TestSigner.Behaviour.SIGNS_WITH_ANOTHER_KEY;
import static org.hostr.nostr.nip46.TestSigner.Behaviour.WITH_IMPOSTOR;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.hostr.nostr.nip46.GarbageFrames;
import org.hostr.nostr.nip46.TestSigner;
import org.hostr.nostr.relay.TestRelay;
import org.hostr.testing.TestApp;
import org.hostr.testing.TestDatabases.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Logging in with a NIP-46 remote signer, over HTTP, against a signer and relays run in the test. */
class RemoteSignerLoginIT {
    static TestRelay relays;
    static String shopRelay;
    static TestApp app;
    static RemoteSignerBrowser browser;

    @BeforeAll
    static void start() {
        relays = new TestRelay();
        shopRelay = relays.accepting("shop");
        app = TestApp.start(Kind.SQLITE, c -> RemoteSignerBrowser.withShopRelays(c, List.of(shopRelay)), List.of());
        browser = new RemoteSignerBrowser(app);
    }

    @AfterAll
    static void stop() {
        app.close();
        relays.close();
    }

    @Test
    void pastingABunkerUriLogsInAsTheUserKeyNotTheSignersOwn() {
        String relay = relays.accepting("bunker-obedient");
        try (TestSigner signer = new TestSigner(OBEDIENT).listenOn(List.of(relay))) {
            HttpResponse<String> started = browser.startWithBunker(signer.bunkerUri("one-time", relay));
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            assertThat(RemoteSignerBrowser.json(started).path("attempt").asText()).matches("[0-9a-f]{64}");
            assertThat(started.headers().firstValue("Set-Cookie").orElseThrow())
                    .startsWith("hostr_signer=").contains("HttpOnly", "SameSite=Strict", "Path=/api/v1/auth/nip46");

            HttpResponse<String> done = browser.pollUntilFinal(started);

            assertThat(RemoteSignerBrowser.json(done).path("status").asText()).isEqualTo("done");
            assertThat(RemoteSignerBrowser.json(done).path("pubkey").asText()).isEqualTo(signer.userPubkey());
            String session = RemoteSignerBrowser.sessionCookie(done);
            assertThat(app.get("/api/v1/me", "Cookie", session).body()).contains(signer.userPubkey())
                    .doesNotContain(signer.signerPubkey());
            assertThat(signer.methods()).containsExactly("connect", "get_public_key", "sign_event");
        }
    }

    @Test
    void scanningTheQrCodeLogsIn() {
        HttpResponse<String> started = browser.startWithQrCode();
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode body = RemoteSignerBrowser.json(started);
        assertThat(body.path("nostrconnect").asText()).startsWith("nostrconnect://")
                .contains("relay=" + java.net.URLEncoder.encode(shopRelay, java.nio.charset.StandardCharsets.UTF_8),
                        "perms=sign_event%3A27235", "name=Hostr%20test", "secret=");
        assertThat(body.path("qr_svg").asText()).startsWith("<svg");

        try (TestSigner signer = new TestSigner(OBEDIENT)) {
            signer.scan(body.path("nostrconnect").asText());
            HttpResponse<String> done = browser.pollUntilFinal(started);

            assertThat(RemoteSignerBrowser.json(done).path("status").asText()).isEqualTo("done");
            assertThat(app.get("/api/v1/me", "Cookie", RemoteSignerBrowser.sessionCookie(done)).body())
                    .contains(signer.userPubkey());
        }
    }

    @Test
    void aRefusalEndsTheAttemptWithAPlainMessageAndNoSession() {
        String relay = relays.accepting("bunker-refusing");
        try (TestSigner signer = new TestSigner(REFUSING).listenOn(List.of(relay))) {
            HttpResponse<String> end = browser.pollUntilFinal(browser.startWithBunker(signer.bunkerUri(null, relay)));

            JsonNode body = RemoteSignerBrowser.json(end);
            assertThat(body.path("status").asText()).isEqualTo("refused");
            assertThat(body.path("code").asText()).isEqualTo("refused");
            assertThat(body.path("message").asText()).isEqualTo("Your signer refused the login. It said: user declined");
            assertThat(end.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("hostr_session="));
        }
    }

    @Test
    void answersFromAnotherKeyCannotLogAnyoneIn() {
        String relay = relays.accepting("bunker-impostor");
        try (TestSigner signer = new TestSigner(WITH_IMPOSTOR).listenOn(List.of(relay))) {
            HttpResponse<String> done = browser.pollUntilFinal(browser.startWithBunker(signer.bunkerUri(null, relay)));

            assertThat(RemoteSignerBrowser.json(done).path("pubkey").asText()).isEqualTo(signer.userPubkey())
                    .isNotEqualTo(signer.impostorUserPubkey());
        }
    }

    @ParameterizedTest
    @CsvSource({"SIGNS_ANOTHER_URL, wrong_url", "SIGNS_ANOTHER_CHALLENGE, unknown_challenge"})
    void aLoginSignedForSomethingElseIsRefusedByTheUsualLoginChecks(TestSigner.Behaviour behaviour, String code) {
        String relay = relays.accepting("bunker-" + behaviour);
        try (TestSigner signer = new TestSigner(behaviour).listenOn(List.of(relay))) {
            HttpResponse<String> end = browser.pollUntilFinal(browser.startWithBunker(signer.bunkerUri(null, relay)));

            assertThat(RemoteSignerBrowser.json(end).path("status").asText()).isEqualTo("failed");
            assertThat(RemoteSignerBrowser.json(end).path("code").asText()).isEqualTo(code);
            assertThat(end.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("hostr_session="));
        }
    }

    @Test
    void aSignatureByAnotherKeyThanTheReportedOneIsRefused() {
        String relay = relays.accepting("bunker-another-key");
        try (TestSigner signer = new TestSigner(SIGNS_WITH_ANOTHER_KEY).listenOn(List.of(relay))) {
            HttpResponse<String> end = browser.pollUntilFinal(browser.startWithBunker(signer.bunkerUri(null, relay)));

            assertThat(RemoteSignerBrowser.json(end).path("code").asText()).isEqualTo("wrong_key");
        }
    }

    @Test
    void anAuthUrlIsShownWhileTheAttemptKeepsWaiting() {
        String relay = relays.accepting("bunker-auth-url");
        try (TestSigner signer = new TestSigner(AUTH_URL_FIRST).listenOn(List.of(relay))) {
            HttpResponse<String> started = browser.startWithBunker(signer.bunkerUri(null, relay));
            JsonNode asking = RemoteSignerBrowser.json(browser.pollUntil(started, "auth_url"));
            assertThat(asking.path("auth_url").asText()).isEqualTo(TestSigner.AUTH_PAGE);

            signer.approve();

            assertThat(RemoteSignerBrowser.json(browser.pollUntilFinal(started)).path("status").asText()).isEqualTo("done");
        }
    }

    @Test
    void garbageFromARelayIsIgnoredAndTheLoginStillCompletes() {
        String good = relays.accepting("bunker-beside-garbage");
        try (TestSigner signer = new TestSigner(OBEDIENT).listenOn(List.of(good))) {
            String bad = relays.answeringRequests("bunker-garbage", (sub, filter) ->
                    GarbageFrames.for_(sub, filter.path("#p").path(0).asText(), signer.signerPubkey()));
            HttpResponse<String> done = browser.pollUntilFinal(browser.startWithBunker(signer.bunkerUri(null, bad, good)));

            assertThat(RemoteSignerBrowser.json(done).path("status").asText()).isEqualTo("done");
            assertThat(app.get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void malformedBunkerUrisAreRefusedWithACodeAndNothingIsSent() {
        String relay = relays.accepting("never-contacted");
        String key = new TestSigner(OBEDIENT).signerPubkey();
        Map<String, String> refusals = Map.of(
                "bunker://" + key.toUpperCase() + "?relay=" + relay, "bad_signer_pubkey",
                "bunker://" + key.substring(1) + "?relay=" + relay, "bad_signer_pubkey",
                "bunker://" + key, "no_relay",
                "bunker://" + key + "?relay=http://127.0.0.1/x", "bad_relay",
                "bunker://" + key + "?relay=ws://10.0.0.7/", "relay_not_public",
                "bunker://" + key + "?relay=" + relay + "&pad=" + "a".repeat(3000), "bunker_uri_too_long",
                "nostrconnect://" + key + "?relay=" + relay, "not_a_bunker_uri");
        refusals.forEach((uri, code) -> {
            HttpResponse<String> r = browser.startWithBunker(uri);
            assertThat(r.statusCode()).as(uri).isEqualTo(400);
            assertThat(RemoteSignerBrowser.json(r).path("error").asText()).as(uri).isEqualTo(code);
        });
        assertThat(browser.post("/api/v1/auth/nip46", "{\"bunker\": 5}").statusCode()).isEqualTo(400);
        assertThat(browser.post("/api/v1/auth/nip46", "{\"bunker\": \"" + "b".repeat(70_000) + "\"}").statusCode())
                .isEqualTo(413);
        assertThat(relays.received("never-contacted")).isEmpty();
    }

    @Test
    void anAttemptCanOnlyBeReadFromTheBrowserThatStartedItAndOnlyUntilItEnds() {
        String relay = relays.accepting("bunker-binding");
        try (TestSigner signer = new TestSigner(REFUSING).listenOn(List.of(relay))) {
            HttpResponse<String> started = browser.startWithBunker(signer.bunkerUri(null, relay));
            String attempt = RemoteSignerBrowser.json(started).path("attempt").asText();

            assertThat(app.get("/api/v1/auth/nip46/" + attempt).statusCode()).isEqualTo(404);
            assertThat(app.get("/api/v1/auth/nip46/" + attempt, "Cookie", "hostr_signer=" + "ab".repeat(32))
                    .statusCode()).isEqualTo(404);
            browser.pollUntilFinal(started);
            HttpResponse<String> again = app.get("/api/v1/auth/nip46/" + attempt, "Cookie",
                    RemoteSignerBrowser.browserCookie(started));
            assertThat(again.statusCode()).isEqualTo(404);
            assertThat(RemoteSignerBrowser.json(again).path("error").asText()).isEqualTo("unknown_attempt");
        }
    }
}
