package org.hostr.db;

/** The database cannot be used: unreachable, read-only, or its migrations failed. The message says which. */
public final class DatabaseException extends RuntimeException {
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
