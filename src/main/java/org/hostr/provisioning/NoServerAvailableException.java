package org.hostr.provisioning;

/** No active WHM server has room for another account: an admin must add a server or raise max_accounts. */
public final class NoServerAvailableException extends RuntimeException {
    public NoServerAvailableException(String message) {
        super(message);
    }
}
