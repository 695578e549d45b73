package org.hostr.nostr.nip46;

/**
 * A decrypted response from the remote signer: {@code result} on success, {@code error} on refusal, or both with
 * {@code result = "auth_url"} when the signer wants the person to open a page first (the URL is in {@code error}).
 */
record SignerResponse(String id, String result, String error) {
    static final String AUTH_URL = "auth_url";

    boolean isAuthChallenge() {
        return AUTH_URL.equals(result) && error != null;
    }
}
