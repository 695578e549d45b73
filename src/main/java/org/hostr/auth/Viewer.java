package org.hostr.auth;

/** Who is making a request: a customer's key, how they proved it, and whether they are an admin. */
public record Viewer(long customerId, String pubkey, String npub, boolean admin, Via via) {

    /** How the request was authenticated: a session cookie (needs CSRF tokens) or a signed NIP-98 header. */
    public enum Via { COOKIE, NIP98 }

    /** The label written to the audit log for this person. */
    public String actor() {
        return npub;
    }
}
