package org.hostr.nostr;

import java.security.SecureRandom;

/** Key pairs for the shop's own Nostr identity (notices, DMs) and for tests. */
public final class Keys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Keys() {
    }

    public static NostrKeyPair generate() {
        return generate(RANDOM);
    }

    /** A key pair drawn from {@code random}; gift wraps take theirs from an injected source so tests can repeat. */
    public static NostrKeyPair generate(SecureRandom random) {
        byte[] secretKey = new byte[32];
        do {
            // Rejection sampling: 32 random bytes fall outside 1 ≤ d < n with probability about 2^-128.
            random.nextBytes(secretKey);
        } while (!Schnorr.isValidSecretKey(secretKey));
        return new NostrKeyPair(secretKey, publicKeyHex(secretKey));
    }

    /** The lowercase hex x-only public key, as it appears in an event's {@code pubkey}. */
    public static String publicKeyHex(byte[] secretKey) {
        return Hex.encode(Schnorr.publicKey(secretKey));
    }
}
