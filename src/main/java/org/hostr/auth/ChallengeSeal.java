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
 * Login challenges that cost nothing to hand out: the expiry and 128 random bits, sealed with an HMAC under a key
 * derived from auth.session_secret. Only this shop (or another instance with the same secret) can make one, so a
 * challenge needs storing only when it is used, which is where the single-use guard lives. Issuing one therefore
 * writes nothing, and nobody can fill the database by asking for challenges.
 *
 * <p>Layout, 32 bytes as 64 lowercase hex: expiry in epoch seconds (4, unsigned, big-endian) | random (16) |
 * HMAC-SHA256 of the first 20 bytes, cut to 12. The expiry comes first so that challenges sort by it as text: the
 * used ones are stored in that order (each login appends to the end of the table's one B-tree instead of writing into
 * a random page of it and of an expiry index), and expired ones are deleted as a range of it ({@link #sortsBefore}).
 */
final class ChallengeSeal {
    private static final int EXPIRY_BYTES = 4;
    private static final int RANDOM_BYTES = 16;
    private static final int SEALED_BYTES = EXPIRY_BYTES + RANDOM_BYTES;
    private static final int MAC_BYTES = 12;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();
    private final ThreadLocal<Mac> macs;

    ChallengeSeal(String sessionSecret) {
        // "v2": the key of the expiry-first layout, so a challenge of the layout before (random first) is not ours.
        this.key = new SecretKeySpec(sha256(("hostr-login-challenge-v2:" + sessionSecret).getBytes(StandardCharsets.UTF_8)),
                "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** A new challenge that is good until {@code expiresAt} (whole seconds). */
    String issue(Instant expiresAt) {
        byte[] bytes = new byte[SEALED_BYTES + MAC_BYTES];
        random.nextBytes(bytes);
        ByteBuffer.wrap(bytes, 0, EXPIRY_BYTES).putInt((int) expiresAt.getEpochSecond());
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
        long seconds = Integer.toUnsignedLong(ByteBuffer.wrap(bytes, 0, EXPIRY_BYTES).getInt());
        return Optional.of(Instant.ofEpochSecond(seconds));
    }

    /**
     * The text every challenge expiring before {@code expiry} sorts before, and no other: the expiry's 8 hex digits.
     * A challenge expiring at that very second starts with them and, being longer, sorts after.
     */
    static String sortsBefore(Instant expiry) {
        long seconds = Math.max(0, Math.min(expiry.getEpochSecond(), 0xFFFF_FFFFL));
        return Hex.encode(ByteBuffer.allocate(EXPIRY_BYTES).putInt((int) seconds).array());
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
