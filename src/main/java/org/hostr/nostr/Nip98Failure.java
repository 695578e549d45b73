package org.hostr.nostr;

import java.util.Locale;

/** Why a NIP-98 authorization was refused. Every one means HTTP 401 (NIP-98); the code goes into the log line. */
public enum Nip98Failure {
    /** Not a readable event: bad header, base64, JSON or field; too many or too long tags; a repeated u/method tag. */
    MALFORMED,
    /** Not kind 27235. */
    WRONG_KIND,
    /** created_at more than the window (60 s) away from now, in either direction. */
    STALE,
    /** The u tag is missing or not exactly the URL this request was made to. */
    WRONG_URL,
    /** The method tag is missing or names another HTTP method. */
    WRONG_METHOD,
    /** The request has a body but the payload tag is missing or not the sha256 of that body. */
    BAD_PAYLOAD,
    /** The id is not the hash of the event's fields. */
    BAD_ID,
    /** The signature does not verify for the pubkey. */
    BAD_SIGNATURE;

    /** Lowercase, e.g. {@code wrong_url}: stable for logs, metrics and API error bodies. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
