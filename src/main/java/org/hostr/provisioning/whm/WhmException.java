package org.hostr.provisioning.whm;

/**
 * A WHM call did not succeed. Each subtype is one thing the caller can act on:
 * <ul>
 *   <li>{@link WhmCallFailedException}: WHM answered and said no ({@code metadata.result == 0}); read the reason</li>
 *   <li>{@link WhmAuthException}: the token or user was refused; retrying cannot help, an operator must fix it</li>
 *   <li>{@link WhmTimeoutException}: the request went out and no answer came back; the change may have happened,
 *       so ask WHM before repeating it (never send createacct twice blindly)</li>
 *   <li>{@link WhmUnavailableException}: WHM could not be reached or answered with something that is not WHM
 *       API 1; the request did not take effect as far as we can tell, retry later</li>
 * </ul>
 * Messages name the server and the function, never the token or a password.
 */
public abstract sealed class WhmException extends RuntimeException
        permits WhmCallFailedException, WhmAuthException, WhmTimeoutException, WhmUnavailableException {

    WhmException(String message, Throwable cause) {
        super(message, cause);
    }
}
