package org.hostr.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SessionCodecTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private final SessionCodec codec = new SessionCodec("a-session-secret-of-forty-characters-long",
            Duration.ofHours(24), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void anIssuedSessionReadsBack() {
        SessionCodec.Session session = codec.read(codec.issue(42, 7)).orElseThrow();
        assertEquals(42, session.customerId());
        assertEquals(7, session.version());
        assertEquals(NOW.plus(Duration.ofHours(24)), session.expiresAt());
        assertEquals(24, session.sessionId().length()); // 18 random bytes in base64url
    }

    @Test
    void theTokenIsACompactHs256JwtInBase64UrlWithoutPadding() throws Exception {
        String token = codec.issue(42, 7);
        String[] parts = token.split("\\.", -1);
        assertEquals(3, parts.length);
        for (String part : parts) {
            assertTrue(part.matches("[A-Za-z0-9_-]+"), part);
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode header = json.readTree(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
        assertEquals("HS256", header.get("alg").asText());
        JsonNode claims = json.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        assertEquals("42", claims.get("sub").asText());
        assertEquals(7, claims.get("ver").asLong());
        assertEquals(NOW.getEpochSecond(), claims.get("iat").asLong());
        assertEquals(32, Base64.getUrlDecoder().decode(parts[2]).length);
    }

    @Test
    void eachLoginGetsItsOwnSessionIdAndAChangedTokenIsRefused() {
        String first = codec.issue(42, 7);
        String second = codec.issue(42, 7);
        assertNotEquals(codec.read(first).orElseThrow().sessionId(), codec.read(second).orElseThrow().sessionId());
        String[] parts = first.split("\\.");
        String otherClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"42\"", "\"43\"")
                        .getBytes(StandardCharsets.UTF_8));
        assertTrue(codec.read(parts[0] + "." + otherClaims + "." + parts[2]).isEmpty());
        assertTrue(new SessionCodec("another-session-secret-of-forty-characters", Duration.ofHours(24),
                Clock.fixed(NOW, ZoneOffset.UTC)).read(first).isEmpty());
    }
}
