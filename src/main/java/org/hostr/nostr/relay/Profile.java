package org.hostr.nostr.relay;

import java.time.Instant;
import java.util.Objects;
import org.hostr.nostr.NostrEvent;

/**
 * A customer's public Nostr profile (kind 0 metadata, NIP-01/24/05/57) as we show it: every text field is optional,
 * trimmed to a display-safe length, and {@code picture} is an http(s) URL or null. {@code nip05} is only what the
 * profile claims; check it with {@code Nip05Verifier} before showing it as verified.
 */
public record Profile(
        String pubkey,
        String name,
        String displayName,
        String picture,
        String about,
        String nip05,
        String lud16,
        Instant createdAt) {

    public Profile {
        Objects.requireNonNull(pubkey, "pubkey");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * Reads a kind 0 event's content leniently: a field of the wrong type, too long, or content that is not JSON at
     * all gives nulls, never an error. The caller must already have verified the event.
     */
    public static Profile fromMetadata(NostrEvent event) {
        if (event.kind() != 0) {
            throw new IllegalArgumentException("profile metadata is kind 0, got kind " + event.kind());
        }
        return ProfileContent.read(event.pubkey(), event.content(), Instant.ofEpochSecond(event.createdAt()));
    }
}
