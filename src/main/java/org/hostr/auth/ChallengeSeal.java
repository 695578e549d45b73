package org.hostr.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.hostr.nostr.Hex;

/**
 * Login challenges that cost nothing to hand out: 128 random bits and the expiry, sealed with an HMAC under a key
 * derived from auth.session_secret. Only this shop (or another instance with the same secret) can make one, so a
 * challenge needs storing only when it is used, which is where the single-use guard lives. Issuing one therefore
 * writes nothing, and nobody can fill the database by asking for challenges.
 *
 * <p>Layout, 32 bytes as 64 lowercase hex: random (16) | expiry in epoch seconds (4, unsigned) | HMAC-SHA256 of the
 * first 20 bytes, cut to 12.
 */
final class ChallengeSeal {
    private static final int RANDOM_BYTES = 16;
    private static final int SEALED_BYTES = RANDOM_BYTES + 4;
    private static final int MAC_BYTES = 12;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();
    private final ThreadLocal<Mac> macs;

    ChallengeSeal(String sessionSecret) {
        this.key = new SecretKeySpec(sha256(("hostr-login-challenge:" + sessionSecret).getBytes(StandardCharsets.UTF_8)),
                "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** A new challenge that is good until {@code expiresAt} (whole seconds). */
    String issue(Instant expiresAt) {
        byte[] bytes = new byte[SEALED_BYTES + MAC_BYTES];
        random.nextBytes(bytes);
        ByteBuffer.wrap(bytes, RANDOM_BYTES, 4).putInt((int) expiresAt.getEpochSecond());
        System.arraycopy(mac(bytes), 0, bytes, SEALED_BYTES, MAC_BYTES);
        return Hex.encode(bytes);
    }

    /** The expiry sealed in a challenge this shop issued; empty for anything else, whatever its shape. */
    Optional<Instant> expiry(String challenge) {
        if (!Hex.isLowercaseHex(challenge, SEALED_BYTES + MAC_BYTES)) {
            return Optional.empty();
        }
        byte[] bytes = Hex.decode(challenge, SEALED_BYTES + MAC_BYTES);
        byte[] expected = new byte[MAC_BYTES];
        System.arraycopy(mac(bytes), 0, expected, 0, MAC_BYTES);
        byte[] given = new byte[MAC_BYTES];
        System.arraycopy(bytes, SEALED_BYTES, given, 0, MAC_BYTES);
        if (!MessageDigest.isEqual(expected, given)) {
            return Optional.empty();
        }
        long seconds = Integer.toUnsignedLong(ByteBuffer.wrap(bytes, RANDOM_BYTES, 4).getInt());
        return Optional.of(Instant.ofEpochSecond(seconds));
    }

    private byte[] mac(byte[] bytes) {
        Mac mac = macs.get();
        mac.update(bytes, 0, SEALED_BYTES);
        return mac.doFinal();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
