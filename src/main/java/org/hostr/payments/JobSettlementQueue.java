package org.hostr.payments;

import java.util.Map;
import org.hostr.jobs.Job;
import org.hostr.jobs.JobHandler;
import org.hostr.jobs.JobQueue;
import org.hostr.jobs.NewJob;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settlements through the durable job queue: the webhook enqueues one job per event id, and a worker (on any
 * instance) asks Strike and settles. A crash after the webhook was answered loses nothing: the job is in the database.
 */
public final class JobSettlementQueue implements SettlementQueue, JobHandler {
    public static final String KIND = "strike-settle";
    private static final Logger log = LoggerFactory.getLogger(JobSettlementQueue.class);

    private final JobQueue jobs;
    private final SettlementService settlement;

    public JobSettlementQueue(JobQueue jobs, SettlementService settlement) {
        this.jobs = jobs;
        this.settlement = settlement;
    }

    @Override
    public void settleLater(String eventId, String providerInvoiceId) {
        jobs.enqueue(KIND, KIND + ":" + eventId, Map.of("provider_invoice_id", providerInvoiceId));
    }

    @Override
    public void settleLater(DSLContext tx, String eventId, String providerInvoiceId) {
        jobs.add(tx, NewJob.of(KIND, KIND + ":" + eventId, Map.of("provider_invoice_id", providerInvoiceId)));
    }

    /** Asks Strike and settles (which marks the event processed); a Strike failure is thrown, so the queue retries. */
    @Override
    public void handle(Job job) {
        handle(job, tx -> false);
    }

    /** A payment that settles marks this job DONE in the settling transaction: one commit for both. */
    @Override
    public boolean handle(Job job, DoneInTransaction done) {
        String providerInvoiceId = job.textField("provider_invoice_id");
        boolean[] markedDone = {false};
        Settlement outcome = settlement.settle(providerInvoiceId, tx -> markedDone[0] = done.markDone(tx));
        log.debug("strike invoice {}: {}", providerInvoiceId, outcome);
        return markedDone[0];
    }
}
