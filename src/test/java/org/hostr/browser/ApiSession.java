package org.hostr.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.hostr.nostr.EventSigner;
import org.hostr.nostr.EventTemplate;
import org.hostr.nostr.NostrKeyPair;
import org.hostr.testing.TestApp;

/**
 * Hostr's JSON API as one key's scripts use it: logged in once (challenge, signed kind-27235 event), then the session
 * cookie and CSRF token on every call. Tests use it to set the scene (an order paid, the clock moved) so the browser
 * walks only the part each test is about.
 */
final class ApiSession {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestApp app;
    private final String cookie;
    private final String csrf;

    ApiSession(TestApp app, NostrKeyPair key) {
        this.app = app;
        JsonNode challenge = read(send(request("/api/v1/auth/challenge").GET()));
        String event = EventSigner.sign(new EventTemplate(27235, List.of(
                List.of("u", challenge.path("login_url").asText()), List.of("method", "POST"),
                List.of("challenge", challenge.path("challenge").asText())), "", Instant.now().getEpochSecond()),
                key.secretKey()).toJson();
        HttpResponse<String> login = send(request("/api/v1/auth/login")
                .header("Authorization", "Nostr " + Base64.getEncoder().encodeToString(event.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()));
        this.cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        this.csrf = get("/api/v1/me").path("csrf_token").asText();
    }

    JsonNode get(String path) {
        return read(send(request(path).header("Cookie", cookie).GET()));
    }

    JsonNode post(String path, String json) {
        return read(send(request(path).header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(app.url(path))).timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        HttpResponse<String> answer = app.send(built);
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException(built.method() + " " + built.uri().getPath() + " answered "
                    + answer.statusCode() + ": " + answer.body());
        }
        return answer;
    }

    private static JsonNode read(HttpResponse<String> answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
