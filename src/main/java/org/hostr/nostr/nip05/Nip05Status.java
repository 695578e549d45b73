package org.hostr.nostr.nip05;

/** Why a NIP-05 identifier does or does not point at a pubkey. Only {@link #VERIFIED} means it does. */
public enum Nip05Status {
    VERIFIED,
    /** Not {@code local@domain} with {@code a-z0-9-_.} in the local part and a dotted host name as the domain. */
    BAD_IDENTIFIER,
    /** The domain is an IP address or resolves to one on a private network; we do not connect there. */
    BLOCKED_ADDRESS,
    /** No answer: DNS failure, refused connection, TLS error or timeout. Worth trying again later. */
    UNREACHABLE,
    /** The server answered with a redirect, which NIP-05 forbids and fetchers must ignore. */
    REDIRECT_REFUSED,
    /** Any status other than 200 (and not a redirect). */
    HTTP_ERROR,
    /** The body is larger than a nostr.json for one name needs to be. */
    TOO_LARGE,
    /** The body is not JSON with a {@code names} object. */
    BAD_JSON,
    /** {@code names} has no entry for the local part. */
    NAME_NOT_FOUND,
    /** {@code names} maps the local part to another pubkey (or to something that is not one). */
    PUBKEY_MISMATCH
}
