package org.hostr.nostr;

/**
 * Checks an event received from outside. The id is recomputed rather than trusted, because the signature covers only
 * the id: a correct signature next to a stale id would otherwise vouch for altered content.
 */
public final class EventVerifier {
    private EventVerifier() {
    }

    /** Never throws; any malformed hex in a hand-built event simply fails the check it belongs to. */
    public static EventVerification verify(NostrEvent event) {
        if (!Hex.isLowercaseHex(event.id(), 32) || !EventSerializer.eventId(event).equals(event.id())) {
            return EventVerification.BAD_ID;
        }
        if (!Hex.isLowercaseHex(event.pubkey(), 32) || !Hex.isLowercaseHex(event.sig(), 64)) {
            return EventVerification.BAD_SIGNATURE;
        }
        // NIP-01: the signature is over the 32 id bytes, not the 64-character hex string.
        boolean signed = Schnorr.verify(Hex.decode(event.pubkey(), 32), Hex.decode(event.id(), 32),
                Hex.decode(event.sig(), 64));
        return signed ? EventVerification.OK : EventVerification.BAD_SIGNATURE;
    }
}
