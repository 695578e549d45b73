package org.hostr.nostr;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret key and its x-only public key in hex. {@link #toString()} hides the secret so a stray log line cannot
 * leak it.
 */
public record NostrKeyPair(byte[] secretKey, String pubkey) {
    public NostrKeyPair {
        secretKey = Objects.requireNonNull(secretKey, "secretKey").clone();
        Objects.requireNonNull(pubkey, "pubkey");
    }

    @Override
    public byte[] secretKey() {
        return secretKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NostrKeyPair that
                && MessageDigest.isEqual(secretKey, that.secretKey) && pubkey.equals(that.pubkey);
    }

    @Override
    public int hashCode() {
        return pubkey.hashCode();
    }

    @Override
    public String toString() {
        return "NostrKeyPair[pubkey=" + pubkey + ", secretKey=<hidden>]";
    }
}
