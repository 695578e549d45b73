package org.hostr.auth;

/** The demo's own routes that the auth filter must know about. */
public final class DemoPaths {
    /** Signs a login event with a key the demo holds; it changes nothing, so it needs no CSRF token. */
    public static final String SIGN_LOGIN = "/demo/sign-login";

    private DemoPaths() {
    }
}
