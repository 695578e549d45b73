package org.hostr.provisioning.whm;

/** WHM refused the API token or user (HTTP 401/403). Never retried: an operator must fix the server entry. */
public final class WhmAuthException extends WhmException {

    WhmAuthException(String message) {
        super(message, null);
    }
}
