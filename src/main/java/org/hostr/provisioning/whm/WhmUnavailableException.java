package org.hostr.provisioning.whm;

/**
 * WHM could not be reached (refused, DNS, TLS, connect timeout), answered with an HTTP error other than 401/403,
 * or answered with something that is not a WHM API 1 envelope (wrong port, a proxy page). Worth retrying later.
 */
public final class WhmUnavailableException extends WhmException {

    WhmUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
