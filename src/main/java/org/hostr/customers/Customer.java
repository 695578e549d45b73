package org.hostr.customers;

import java.time.Instant;

/** A customer is a Nostr public key (64 lowercase hex); everything else about them is optional. */
public record Customer(long id, String pubkey, CustomerStatus status, String name, String picture, String nip05,
                       Instant nip05VerifiedAt, long creditMinor, long sessionVersion, Instant createdAt,
                       Instant deletedAt) {
}
