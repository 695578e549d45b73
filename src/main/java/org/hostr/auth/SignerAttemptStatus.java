package org.hostr.auth;

import java.util.Locale;

/** Where a remote-signer login stands, as the login page polls it. The last four are final. */
enum SignerAttemptStatus {
    /** Waiting for the signer: to be scanned, to answer, or for the person to approve on their phone. */
    WAITING,
    /** The signer wants the person to open a page first (NIP-46 auth_url); we keep waiting meanwhile. */
    AUTH_URL,
    DONE,
    /** The signer said no: the person declined, or the signer does not allow this request. */
    REFUSED,
    TIMEOUT,
    /** Anything else: unreachable relays, an answer we cannot use, or a signed event the login checks refused. */
    FAILED;

    boolean isFinal() {
        return this != WAITING && this != AUTH_URL;
    }

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
