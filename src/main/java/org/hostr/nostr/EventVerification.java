package org.hostr.nostr;

/** Whether an event is what it claims: its id matches its fields, and its pubkey signed that id. */
public enum EventVerification {
    OK,
    /** The id is not the hash of the fields: something was changed after signing, or the signer serialized wrongly. */
    BAD_ID,
    /** The id is right but the signature is not the pubkey's signature of it (or the pubkey is not on the curve). */
    BAD_SIGNATURE
}
