package org.hostr.jobs;

/** An admin action that the job's current status does not allow, such as cancelling a running job (HTTP 409). */
public class JobStateException extends RuntimeException {
    private final JobStatus status;

    public JobStateException(long id, JobStatus status, String message) {
        super("job " + id + " is " + status + ": " + message);
        this.status = status;
    }

    public JobStatus status() {
        return status;
    }
}
