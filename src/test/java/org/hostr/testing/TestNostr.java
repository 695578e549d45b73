package org.hostr.testing;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hostr.nostr.EventSigner;
import org.hostr.nostr.EventTemplate;
import org.hostr.nostr.Keys;
import org.hostr.nostr.NostrEvent;
import org.hostr.nostr.NostrKeyPair;

/** A customer with a Nostr key, as tests need one: signs login and NIP-98 events, logs in over HTTP. */
public final class TestNostr {
    public static final String BASE = "http://localhost:8080";
    private static final Pattern CHALLENGE = Pattern.compile("\"challenge\":\"([0-9a-f]+)\"");
    private static final Pattern COOKIE = Pattern.compile("hostr_session=([^;]+)");
    private static final Pattern CSRF = Pattern.compile("\"csrf_token\":\"([^\"]+)\"");

    private final NostrKeyPair key;

    public TestNostr() {
        this.key = Keys.generate();
    }

    public String pubkey() {
        return key.pubkey();
    }

    public byte[] secretKey() {
        return key.secretKey();
    }

    public NostrEvent sign(int kind, List<List<String>> tags, long createdAt) {
        return EventSigner.sign(new EventTemplate(kind, tags, "", createdAt), key.secretKey());
    }

    public NostrEvent loginEvent(String challenge) {
        return sign(27235, List.of(List.of("u", BASE + "/api/v1/auth/login"), List.of("method", "POST"),
                List.of("challenge", challenge)), Instant.now().getEpochSecond());
    }

    public static String header(NostrEvent event) {
        return "Nostr " + Base64.getEncoder().encodeToString(event.toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** A NIP-98 header for one request to path (with query) under the test public URL. */
    public String nip98(String method, String pathAndQuery, byte[] body) {
        List<List<String>> tags = new ArrayList<>(List.of(List.of("u", BASE + pathAndQuery), List.of("method", method)));
        if (body != null && body.length > 0) {
            tags.add(List.of("payload", sha256(body)));
        }
        return header(sign(27235, tags, Instant.now().getEpochSecond()));
    }

    public static String challenge(TestApp app) {
        Matcher m = CHALLENGE.matcher(app.get("/api/v1/auth/challenge").body());
        if (!m.find()) {
            throw new IllegalStateException("no challenge");
        }
        return m.group(1);
    }

    public static HttpResponse<String> postLogin(TestApp app, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.url("/api/v1/auth/login")))
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return app.send(b.build());
    }

    /** Logs in and returns the session: the cookie and the CSRF token. */
    public Session logIn(TestApp app) {
        HttpResponse<String> r = postLogin(app, header(loginEvent(challenge(app))));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login failed: " + r.body());
        }
        Matcher cookie = COOKIE.matcher(r.headers().firstValue("Set-Cookie").orElse(""));
        if (!cookie.find()) {
            throw new IllegalStateException("no session cookie");
        }
        String c = "hostr_session=" + cookie.group(1);
        Matcher csrf = CSRF.matcher(app.get("/api/v1/me", "Cookie", c).body());
        return new Session(c, csrf.find() ? csrf.group(1) : null);
    }

    /** A logged-in browser session. */
    public record Session(String cookie, String csrf) {
    }

    public static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
