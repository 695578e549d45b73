package org.hostr.jobs;

import java.time.Duration;

/**
 * How a {@link JobRunner} works.
 *
 * @param threads      handlers running at once in this process
 * @param pollInterval how often an idle runner looks for due jobs (other instances' jobs, retries coming due)
 * @param lease        how long a claim holds before another worker may take the job over; renewed every third of
 *                     it while the handler runs, so it bounds the time to notice a crashed process, not a job's length
 * @param stopTimeout  how long stop() waits for running handlers
 */
public record JobSettings(int threads, Duration pollInterval, Duration lease, Duration stopTimeout, RetryPolicy retry) {
    public static final JobSettings DEFAULT = new JobSettings(2, Duration.ofMillis(500), Duration.ofMinutes(5),
            Duration.ofSeconds(30), RetryPolicy.DEFAULT);

    public JobSettings {
        if (threads < 1) {
            throw new IllegalArgumentException("jobs need at least one thread, got " + threads);
        }
        if (pollInterval.isNegative() || pollInterval.isZero() || lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("jobs need a positive poll interval and a lease of at least 1 s, got "
                    + pollInterval + " and " + lease);
        }
    }

    public JobSettings withThreads(int n) {
        return new JobSettings(n, pollInterval, lease, stopTimeout, retry);
    }

    public JobSettings withPollInterval(Duration d) {
        return new JobSettings(threads, d, lease, stopTimeout, retry);
    }

    public JobSettings withLease(Duration d) {
        return new JobSettings(threads, pollInterval, d, stopTimeout, retry);
    }

    public JobSettings withStopTimeout(Duration d) {
        return new JobSettings(threads, pollInterval, lease, d, retry);
    }

    public JobSettings withRetry(RetryPolicy policy) {
        return new JobSettings(threads, pollInterval, lease, stopTimeout, policy);
    }
}
