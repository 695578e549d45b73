package org.hostr.jobs;

/** An admin asked about a job id that does not exist (HTTP 404). */
public class JobNotFoundException extends RuntimeException {
    public JobNotFoundException(long id) {
        super("job " + id + " does not exist");
    }
}
