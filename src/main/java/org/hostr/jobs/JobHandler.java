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

    /**
     * As {@link #handle}, for a handler whose work ends in a transaction of its own: it may mark the job DONE in that
     * transaction through {@code done} (fenced by the lease, as the worker's own write is) and return what that said.
     * The worker then writes no outcome of its own: one commit fewer for each job. If the transaction rolls back, the
     * handler throws and the job is retried as after any failure.
     *
     * @return true when the job was marked DONE in the handler's transaction
     */
    default boolean handle(Job job, DoneInTransaction done) throws Exception {
        handle(job);
        return false;
    }

    /** Marks the job being handled DONE inside the given transaction; false when its lease is no longer ours. */
    @FunctionalInterface
    interface DoneInTransaction {
        boolean markDone(org.jooq.DSLContext tx);
    }
}
