package org.hostr.nostr;

import org.hostr.nostr.InvalidGiftWrapException.Reason;

/**
 * Opens a gift wrap addressed to us and returns the rumor inside, checking every layer on the way: the wrap's and
 * the seal's signatures, that the rumor's id fits its fields, and that the seal's signer wrote the rumor.
 */
public final class GiftUnwrapper {
    private GiftUnwrapper() {
    }

    /**
     * @throws InvalidGiftWrapException when any layer is malformed, forged or not addressed to this key
     */
    public static Rumor unwrap(NostrEvent giftWrap, byte[] recipientSecretKey) throws InvalidGiftWrapException {
        if (giftWrap.kind() != GiftWrapper.GIFT_WRAP_KIND) {
            throw new InvalidGiftWrapException(Reason.NOT_A_GIFT_WRAP);
        }
        // NIP-44: check the signature before decrypting; it also proves the pubkey is a point we can use for ECDH.
        if (EventVerifier.verify(giftWrap) != EventVerification.OK) {
            throw new InvalidGiftWrapException(Reason.BAD_WRAP_SIGNATURE);
        }
        NostrEvent seal = readSeal(decrypt(giftWrap, recipientSecretKey, Reason.WRAP_NOT_FOR_THIS_KEY));
        if (EventVerifier.verify(seal) != EventVerification.OK) {
            throw new InvalidGiftWrapException(Reason.BAD_SEAL_SIGNATURE);
        }
        Rumor rumor = readRumor(decrypt(seal, recipientSecretKey, Reason.SEAL_NOT_FOR_THIS_KEY));
        if (!rumor.hasValidId()) {
            throw new InvalidGiftWrapException(Reason.BAD_RUMOR_ID);
        }
        if (!rumor.pubkey().equals(seal.pubkey())) {
            throw new InvalidGiftWrapException(Reason.SENDER_MISMATCH);
        }
        return rumor;
    }

    private static String decrypt(NostrEvent event, byte[] recipientSecretKey, Reason failure)
            throws InvalidGiftWrapException {
        try {
            return Nip44.decrypt(event.content(), Nip44.conversationKey(recipientSecretKey, event.pubkey()));
        } catch (InvalidPayloadException e) {
            throw new InvalidGiftWrapException(failure, e);
        }
    }

    // The parse errors are dropped on purpose: their text may quote decrypted, private content.
    private static NostrEvent readSeal(String json) throws InvalidGiftWrapException {
        NostrEvent seal;
        try {
            seal = NostrEvent.fromJson(json);
        } catch (MalformedEventException e) {
            throw new InvalidGiftWrapException(Reason.BAD_SEAL);
        }
        if (seal.kind() != GiftWrapper.SEAL_KIND) {
            throw new InvalidGiftWrapException(Reason.BAD_SEAL);
        }
        return seal;
    }

    private static Rumor readRumor(String json) throws InvalidGiftWrapException {
        try {
            return Rumor.fromJson(json);
        } catch (MalformedEventException e) {
            throw new InvalidGiftWrapException(Reason.BAD_RUMOR);
        }
    }
}
