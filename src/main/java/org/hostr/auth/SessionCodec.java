package org.hostr.auth;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Session cookies: an HS256 JWT (jjwt) naming the customer, a fresh session id per login and the customer's session
 * version, so "log out everywhere" is one counter bump. CSRF tokens are an HMAC of the session id: nothing to store.
 */
public final class SessionCodec {
    public static final String COOKIE = "hostr_session";

    private final SecretKey jwtKey;
    private final SecretKeySpec csrfKey;
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final JwtParser parser;

    public SessionCodec(String sessionSecret, Duration ttl, Clock clock) {
        byte[] material = sha256(("hostr-session:" + sessionSecret).getBytes(StandardCharsets.UTF_8));
        this.jwtKey = new SecretKeySpec(material, "HmacSHA256");
        this.csrfKey = new SecretKeySpec(sha256(("hostr-csrf:" + sessionSecret).getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
        this.ttl = ttl;
        this.clock = clock;
        this.parser = Jwts.parser().verifyWith(jwtKey).clock(() -> Date.from(clock.instant())).build();
    }

    /** A session read back from its cookie. */
    public record Session(long customerId, String sessionId, long version, Instant expiresAt) {
    }

    public String issue(long customerId, long sessionVersion) {
        Instant now = clock.instant();
        byte[] sid = new byte[18];
        random.nextBytes(sid);
        return Jwts.builder()
                .subject(Long.toString(customerId))
                .id(Base64.getUrlEncoder().withoutPadding().encodeToString(sid))
                .claim("ver", sessionVersion)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(ttl)))
                .signWith(jwtKey, Jwts.SIG.HS256)
                // jjwt's own encoder and the JDK's encoding stream each take an 8 KiB buffer for each of the three
                // parts: 24 KiB of garbage a login, more than the rest of the login's HTTP exchange.
                .b64Url(Base64UrlPart::new)
                .compact();
    }

    public Optional<Session> read(String token) {
        if (token == null || token.isEmpty() || token.length() > 2048) {
            return Optional.empty();
        }
        try {
            Claims claims = parser.parseSignedClaims(token)
                    .getPayload();
            Number version = claims.get("ver", Number.class);
            if (claims.getId() == null || version == null || claims.getExpiration() == null) {
                return Optional.empty();
            }
            return Optional.of(new Session(Long.parseLong(claims.getSubject()), claims.getId(), version.longValue(),
                    claims.getExpiration().toInstant()));
        } catch (JwtException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public Duration ttl() {
        return ttl;
    }

    public String csrfToken(String sessionId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(csrfKey);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(sessionId.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public boolean csrfMatches(String sessionId, String given) {
        if (given == null || given.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(csrfToken(sessionId).getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** Base64url without padding, as JWT wants it: buffers a part's own bytes and encodes them when it is closed. */
    private static final class Base64UrlPart extends ByteArrayOutputStream {
        private final OutputStream out;
        private boolean closed;

        Base64UrlPart(OutputStream out) {
            super(256);
            this.out = out;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            out.write(Base64.getUrlEncoder().withoutPadding().encode(toByteArray()));
            out.close();
        }
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
