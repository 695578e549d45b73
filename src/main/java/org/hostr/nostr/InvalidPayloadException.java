package org.hostr.nostr;

/**
 * An encrypted NIP-44 payload could not be opened. The message says which check failed and never quotes the payload,
 * a key or any decrypted bytes, so the exception is safe to log.
 */
public final class InvalidPayloadException extends NostrException {
    /** Which check failed; only {@link #BAD_MAC} can also mean "not for us" (a different key). */
    public enum Reason {
        /** Version byte other than 2, or the "#" marker NIP-44 reserves for future non-base64 encodings. */
        UNKNOWN_VERSION("unknown encryption version"),
        /** Text or decoded size outside what a v2 payload can be; checked before any decoding work. */
        BAD_LENGTH("invalid payload length"),
        NOT_BASE64("invalid base64"),
        /** Wrong conversation key, or the bytes were altered after encryption. */
        BAD_MAC("invalid MAC"),
        /** The MAC was right but the length prefix or padding size is not what the sender must have written. */
        BAD_PADDING("invalid padding"),
        NOT_UTF8("plaintext is not UTF-8");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final Reason reason;

    public InvalidPayloadException(Reason reason) {
        super("NIP-44 payload rejected: " + reason.description());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String code() {
        return "invalid_payload";
    }
}
