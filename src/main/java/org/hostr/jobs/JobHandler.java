package org.hostr.jobs;

/**
 * The work behind one kind of job. Delivery is at least once (a worker may crash after the work and before
 * recording it), so a handler must be safe to run again: check before acting, as the WHM provisioner does.
 *
 * <p>Outcomes: return normally → DONE. Throw {@link PermanentJobException} → DEAD at once. Throw
 * {@link RescheduleJobException} → run again at a given time without counting a failure. Throw anything else
 * (such as {@link RetryableJobException}) → retried with exponential backoff until max attempts, then DEAD.
 */
@FunctionalInterface
public interface JobHandler {
    void handle(Job job) throws Exception;
}
