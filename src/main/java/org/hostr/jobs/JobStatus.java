package org.hostr.jobs;

/** Where a job is in its life; stored by name in jobs.status. */
public enum JobStatus {
    /** Waiting for run_at; also a job waiting for its next retry. */
    QUEUED,
    /** Claimed by a worker that holds the lease until locked_until. */
    RUNNING,
    DONE,
    /** Gave up: attempts used up, a permanent failure, or no handler; last_error says why. An admin may retry it. */
    DEAD,
    /** Stopped by an admin before it ran again. */
    CANCELLED;

    public boolean finished() {
        return this == DONE || this == DEAD || this == CANCELLED;
    }
}
