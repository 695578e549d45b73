package org.hostr.jobs;

/**
 * A failure that retrying cannot fix (WHM refused our token, the service no longer exists): the job goes DEAD at
 * once with this message, instead of hammering the provider max_attempts times.
 */
public class PermanentJobException extends RuntimeException {
    public PermanentJobException(String message) {
        super(message);
    }

    public PermanentJobException(String message, Throwable cause) {
        super(message, cause);
    }
}
