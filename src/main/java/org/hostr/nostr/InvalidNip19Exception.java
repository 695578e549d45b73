package org.hostr.nostr;

/** A bech32 / NIP-19 string (npub, nsec, note, nprofile) could not be decoded: bad checksum, case, length or prefix. */
public final class InvalidNip19Exception extends NostrException {
    public InvalidNip19Exception(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "invalid_nip19";
    }
}
