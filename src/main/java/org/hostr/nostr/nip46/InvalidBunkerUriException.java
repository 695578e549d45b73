package org.hostr.nostr.nip46;

import org.hostr.nostr.NostrException;

/**
 * A pasted {@code bunker://} URI was refused before anything was sent anywhere. The code says what to fix; the
 * message never quotes the URI, because it may carry the signer's secret.
 */
public final class InvalidBunkerUriException extends NostrException {
    /** Each reason is something the customer can fix by copying the URI again, or by picking another signer. */
    public enum Reason {
        NOT_BUNKER("not_a_bunker_uri", "a remote signer URI starts with bunker://"),
        TOO_LONG("bunker_uri_too_long", "the bunker:// URI is longer than " + BunkerUri.MAX_CHARS + " characters"),
        BAD_PUBKEY("bad_signer_pubkey", "after bunker:// comes the signer's public key: 64 lowercase hex characters"),
        MALFORMED("malformed_bunker_uri", "the bunker:// URI is not of the form bunker://<pubkey>?relay=wss://…"),
        NO_RELAY("no_relay", "the bunker:// URI names no relay (relay=wss://…)"),
        BAD_RELAY("bad_relay", "a relay in the bunker:// URI is not a ws:// or wss:// URL"),
        RELAY_NOT_PUBLIC("relay_not_public", "a relay in the bunker:// URI is on a private or local address"),
        TOO_MANY_RELAYS("too_many_relays", "the bunker:// URI names more than " + BunkerUri.MAX_RELAYS + " relays"),
        BAD_SECRET("bad_secret", "the secret in the bunker:// URI is too long or has characters a secret cannot have");

        private final String code;
        private final String description;

        Reason(String code, String description) {
            this.code = code;
            this.description = description;
        }

        public String code() {
            return code;
        }

        public String description() {
            return description;
        }
    }

    private final Reason reason;

    public InvalidBunkerUriException(Reason reason) {
        super(reason.description());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String code() {
        return reason.code();
    }
}
