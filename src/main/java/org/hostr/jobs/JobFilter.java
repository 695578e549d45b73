package org.hostr.jobs;

/** What the admin's job list shows; a null field means any. */
public record JobFilter(JobStatus status, String kind) {
    public static final JobFilter ALL = new JobFilter(null, null);

    public static JobFilter status(JobStatus status) {
        return new JobFilter(status, null);
    }

    public static JobFilter kind(String kind) {
        return new JobFilter(null, kind);
    }
}
