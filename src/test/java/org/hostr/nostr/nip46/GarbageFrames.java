package org.hostr.nostr.nip46;

import java.util.List;
import org.hostr.nostr.EventSerializer;
import org.hostr.nostr.EventSigner;
import org.hostr.nostr.EventTemplate;
import org.hostr.nostr.Keys;
import org.hostr.nostr.NostrEvent;
import org.hostr.nostr.NostrKeyPair;
import org.hostr.nostr.relay.TestRelay;

/** What a hostile or broken relay sends to a NIP-46 client's subscription, ending with a message too big to read. */
public final class GarbageFrames {
    private GarbageFrames() {
    }

    /** @param clientPubkey the key the subscription's #p filter names; signerPubkey the signer it expects */
    public static List<String> for_(String subscriptionId, String clientPubkey, String signerPubkey) {
        NostrKeyPair stranger = Keys.generate();
        List<List<String>> toClient = List.of(List.of("p", clientPubkey));
        NostrEvent fromStranger = EventSigner.sign(new EventTemplate(24133, toClient, "AAAA not nip44", 1_700_000_000L),
                stranger.secretKey());
        // Claims to be the signer, with the right id for that claim, but the stranger's signature.
        NostrEvent forged = new NostrEvent(EventSerializer.eventId(signerPubkey, fromStranger.createdAt(), 24133, toClient,
                fromStranger.content()), signerPubkey, fromStranger.createdAt(), 24133, toClient, fromStranger.content(),
                fromStranger.sig());
        return List.of(
                "this is not json",
                "{\"EVENT\":1}",
                "[\"EVENT\",\"" + subscriptionId + "\"]",
                "[\"EVENT\",\"" + subscriptionId + "\",{\"id\":\"zz\"}]",
                "[\"OK\",\"not-an-id\",true]",
                "[\"NOTICE\",\"\\u001b[31mred alert\"]",
                "[\"CLOSED\",\"someone-else\",\"bye\"]",
                TestRelay.event("someone-else", fromStranger.toJson()),
                TestRelay.event(subscriptionId, fromStranger.toJson()),
                TestRelay.event(subscriptionId, forged.toJson()),
                "[\"NOTICE\",\"" + "x".repeat(300_000) + "\"]");
    }
}
