package org.hostr.nostr;

/** Turns a template into a signed event with the shop's (or a test user's) secret key. */
public final class EventSigner {
    private EventSigner() {
    }

    public static NostrEvent sign(EventTemplate template, byte[] secretKey) {
        String pubkey = Keys.publicKeyHex(secretKey);
        String id = EventSerializer.eventId(pubkey, template.createdAt(), template.kind(), template.tags(),
                template.content());
        byte[] sig = Schnorr.sign(secretKey, Hex.decode(id, 32));
        return new NostrEvent(id, pubkey, template.createdAt(), template.kind(), template.tags(), template.content(),
                Hex.encode(sig));
    }
}
