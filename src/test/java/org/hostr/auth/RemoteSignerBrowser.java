package org.hostr.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.hostr.config.HostrConfig;
import org.hostr.nostr.nip46.TestSigner;
import org.hostr.testing.TestApp;

/** The login page's side of a remote-signer login, as plain HTTP calls: start an attempt, poll it, keep the cookie. */
final class RemoteSignerBrowser {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> FINAL = Set.of("done", "refused", "timeout", "failed");

    private final TestApp app;
    private final AtomicReference<String> signerCookie = new AtomicReference<>();

    RemoteSignerBrowser(TestApp app) {
        this.app = app;
    }

    HttpResponse<String> startWithBunker(String bunkerUri) {
        return post("/api/v1/auth/nip46", JSON.createObjectNode().put("bunker", bunkerUri).toString());
    }

    HttpResponse<String> startWithQrCode() {
        return post("/api/v1/auth/nip46/connect", "");
    }

    HttpResponse<String> post(String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url(path))).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signerCookie.get() != null) {
            request.header("Cookie", signerCookie.get());
        }
        HttpResponse<String> response = app.send(request.build());
        String cookie = browserCookie(response);
        if (cookie != null) {
            signerCookie.set(cookie);
        }
        return response;
    }

    /** Polls the started attempt, as the page does, until it reaches a final status; returns that last answer. */
    HttpResponse<String> pollUntilFinal(HttpResponse<String> started) {
        return pollUntil(started, null);
    }

    /** Polls until the status is {@code wanted} (or any final one when null). */
    HttpResponse<String> pollUntil(HttpResponse<String> started, String wanted) {
        String attempt = json(started).path("attempt").asText();
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        TestSigner.await(() -> {
            HttpResponse<String> r = app.get("/api/v1/auth/nip46/" + attempt, "Cookie", signerCookie.get());
            last.set(r);
            String status = json(r).path("status").asText();
            return r.statusCode() != 200 || (wanted == null ? FINAL.contains(status) : wanted.equals(status));
        }, "attempt " + attempt + " to reach " + (wanted == null ? "a final status" : wanted));
        return last.get();
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    static String sessionCookie(HttpResponse<String> response) {
        return cookie(response, SessionCodec.COOKIE);
    }

    static String browserCookie(HttpResponse<String> response) {
        return cookie(response, RemoteSignerRoutes.BROWSER_COOKIE);
    }

    private static String cookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse(null);
    }

    /**
     * The test config with auth.relays replaced. Copied component by component, so that a new config section
     * does not break this helper.
     */
    static HostrConfig withShopRelays(HostrConfig config, List<String> relays) {
        HostrConfig.Auth a = config.auth();
        HostrConfig.Auth auth = new HostrConfig.Auth(a.adminNpubs(), a.sessionSecret(), a.sessionTtlHours(), relays,
                a.loginRatePerMinute());
        try {
            RecordComponent[] parts = HostrConfig.class.getRecordComponents();
            Class<?>[] types = new Class<?>[parts.length];
            Object[] values = new Object[parts.length];
            for (int i = 0; i < parts.length; i++) {
                types[i] = parts[i].getType();
                values[i] = parts[i].getName().equals("auth") ? auth : parts[i].getAccessor().invoke(config);
            }
            return HostrConfig.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy the test config", e);
        }
    }
}
