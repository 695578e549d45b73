package org.hostr.nostr;

/**
 * A gift wrap (NIP-59) could not be opened into a rumor we can believe. The reason says which layer failed; no
 * message quotes decrypted text, so the exception is safe to log.
 */
public final class InvalidGiftWrapException extends NostrException {
    public enum Reason {
        NOT_A_GIFT_WRAP("the event is not a kind 1059 gift wrap"),
        BAD_WRAP_SIGNATURE("the gift wrap's id or signature does not check out"),
        /** The usual meaning: the wrap is addressed to someone else's key. */
        WRAP_NOT_FOR_THIS_KEY("the gift wrap cannot be decrypted with this key"),
        BAD_SEAL("the gift wrap does not contain a kind 13 seal"),
        BAD_SEAL_SIGNATURE("the seal's id or signature does not check out"),
        SEAL_NOT_FOR_THIS_KEY("the seal cannot be decrypted with this key"),
        BAD_RUMOR("the seal does not contain a well-formed rumor"),
        BAD_RUMOR_ID("the rumor's id does not match its fields"),
        /** NIP-17: without this check anyone could seal a rumor that claims another author. */
        SENDER_MISMATCH("the seal was signed by another key than the rumor's author");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final Reason reason;

    public InvalidGiftWrapException(Reason reason) {
        super(reason.description());
        this.reason = reason;
    }

    /** For a decryption failure: the NIP-44 cause is kept, since its message never holds secrets either. */
    public InvalidGiftWrapException(Reason reason, InvalidPayloadException cause) {
        super(reason.description() + " (" + cause.reason().description() + ")", cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String code() {
        return "invalid_gift_wrap";
    }
}
