package org.hostr.nostr.nip05;

import java.util.Objects;

/** The outcome of a NIP-05 check, with a detail for DEBUG logs (it may quote the customer's domain). */
public record Nip05Result(Nip05Status status, String detail) {
    public Nip05Result {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean verified() {
        return status == Nip05Status.VERIFIED;
    }
}
