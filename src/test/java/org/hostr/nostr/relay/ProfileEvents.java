package org.hostr.nostr.relay;

import java.util.List;
import org.hostr.nostr.EventSigner;
import org.hostr.nostr.EventTemplate;
import org.hostr.nostr.Keys;
import org.hostr.nostr.NostrEvent;
import org.hostr.nostr.NostrKeyPair;

/** Signed kind 0 events for the relay tests. */
final class ProfileEvents {
    static final NostrKeyPair ALICE = Keys.generate();
    static final NostrKeyPair MALLORY = Keys.generate();

    private ProfileEvents() {
    }

    static NostrEvent profile(NostrKeyPair key, long createdAt, String name) {
        return signed(key, 0, createdAt, "{\"name\":\"" + name + "\"}");
    }

    static NostrEvent signed(NostrKeyPair key, int kind, long createdAt, String content) {
        return EventSigner.sign(new EventTemplate(kind, List.of(), content, createdAt), key.secretKey());
    }

    /** The id is right for the fields, but the signature belongs to another event. */
    static NostrEvent withForeignSignature(NostrEvent e, NostrEvent signatureDonor) {
        return new NostrEvent(e.id(), e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content(),
                signatureDonor.sig());
    }
}
