package org.hostr.nostr;

import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;

/** What a NIP-19 string decodes to. Hex fields are lowercase, the form events and NIP-05 use. */
public sealed interface Nip19Entity {

    /** {@code npub1…}: a public key. */
    record Npub(String pubkey) implements Nip19Entity {
    }

    /** {@code note1…}: an event id. */
    record Note(String eventId) implements Nip19Entity {
    }

    /** {@code nprofile1…}: a public key with relays where the user can be found (possibly none). */
    record Nprofile(String pubkey, List<String> relays) implements Nip19Entity {
        public Nprofile {
            Objects.requireNonNull(pubkey, "pubkey");
            relays = List.copyOf(relays);
        }
    }

    /** {@code nsec1…}: a secret key. {@link #toString()} hides it. */
    record Nsec(byte[] secretKey) implements Nip19Entity {
        public Nsec {
            secretKey = secretKey.clone();
        }

        @Override
        public byte[] secretKey() {
            return secretKey.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Nsec that && MessageDigest.isEqual(secretKey, that.secretKey);
        }

        @Override
        public int hashCode() {
            return 0;
        }

        @Override
        public String toString() {
            return "Nsec[<hidden>]";
        }
    }
}
