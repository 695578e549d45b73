package org.hostr.nostr.nip46;

import java.util.Optional;
import org.hostr.nostr.InvalidPayloadException;
import org.hostr.nostr.Nip44;
import org.hostr.nostr.NostrEvent;
import org.hostr.nostr.relay.LiveSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what reaches our client key. The subscription has already checked kind, p tag, id and signature; here an
 * event must also come from the signer (or, before one is known, echo our secret), open with our key and be a
 * response. Anything else is dropped without a word to the sender: an answer would tell a prober what we accept.
 */
final class SignerInbox implements LiveSubscription.Listener {
    private static final Logger log = LoggerFactory.getLogger(SignerInbox.class);
    private final RemoteSignerClient client;

    SignerInbox(RemoteSignerClient client) {
        this.client = client;
    }

    @Override
    public void onEvent(NostrEvent event) {
        String signer = client.signerPubkey();
        if (signer == null) {
            considerConnect(event);
        } else if (signer.equals(event.pubkey())) {
            open(event, client.signerConversationKey()).flatMap(SignerMessages::response).ifPresent(client::answer);
        }
    }

    /** nostrconnect: the signer's first words are a response whose result is the secret from our QR code. */
    private void considerConnect(NostrEvent event) {
        byte[] key;
        try {
            key = client.conversationKeyWith(event.pubkey());
        } catch (IllegalArgumentException e) {
            return;
        }
        open(event, key).flatMap(SignerMessages::response)
                .filter(response -> client.secretMatches(response.result()))
                .ifPresent(response -> client.signerProvedSecret(event.pubkey(), key));
    }

    private static Optional<String> open(NostrEvent event, byte[] key) {
        try {
            return Optional.of(Nip44.decrypt(event.content(), key));
        } catch (InvalidPayloadException e) {
            log.debug("event {} from {} does not open with our key: {}", event.id(), event.pubkey(), e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void onAllRelaysGone() {
        client.relaysGone();
    }
}
