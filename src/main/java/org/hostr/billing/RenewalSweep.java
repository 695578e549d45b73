package org.hostr.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hostr.audit.AuditLog;
import org.hostr.billing.BillingRules.ServicePhase;
import org.hostr.config.HostrConfig;
import org.hostr.db.Database;
import org.hostr.jobs.Job;
import org.hostr.jobs.JobHandler;
import org.hostr.jobs.JobQueue;
import org.hostr.jobs.NewJob;
import org.hostr.jobs.PeriodicTask;
import org.hostr.payments.SettlementListener;
import org.hostr.provisioning.ProvisioningService;
import org.hostr.provisioning.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The renewal sweep (ARCHITECTURE §5.6), run as job kind {@value #KIND} every billing.sweep_interval_seconds and by
 * POST /api/v1/admin/billing/sweep. Each phase selects its services set-based, and every write is guarded, so a sweep
 * run twice, or by two instances at once, does nothing twice:
 * <ol>
 *   <li>renewal invoices lead_days before due, {@value #CHUNK} to a transaction: the unique index
 *       invoices_renewal_period_uk;</li>
 *   <li>reminders at issue, one day before and on the due date: one "notice" job per slot's idempotency key, the
 *       new ones of a page queued together;</li>
 *   <li>unpaid past due + grace → suspend as EXPIRED, "Non-payment INV-…": one billing_actions row per service and due date;</li>
 *   <li>EXPIRED for terminate_after_days → terminate (or an admin review item): likewise;</li>
 *   <li>new orders never paid for pending_order_days → CANCELLED: guarded by status PENDING.</li>
 * </ol>
 * Which phase a service is in is decided by {@link BillingRules#phase}; the queries only preselect.
 */
public final class RenewalSweep implements JobHandler {
    public static final String KIND = "billing-sweep";
    private static final Logger log = LoggerFactory.getLogger(RenewalSweep.class);
    /**
     * Renewal invoices issued per transaction, and reminders looked up and queued at a time: their IN lists stay under
     * SQLite's 999 bind values (jOOQ inlines every value beyond), each transaction holds SQLite's writer for
     * milliseconds, and a million services are still only a thousand or so transactions.
     */
    static final int CHUNK = 900;
    /** Expiries and terminations each queue WHM work one service at a time: a page of them... */
    static final int BATCH = 200;
    /** ...and a bound per run; whatever is left goes to the next run. */
    static final int MAX_BATCHES = 50;
    private static final int MAX_ERRORS = 50;

    private final Database database;
    private final JobQueue jobs;
    private final ProvisioningService provisioning;
    private final AuditLog audit;
    private final HostrConfig.Billing config;
    private final Clock clock;
    private final RenewalRepository renewals = new RenewalRepository();
    private final SweepRunRepository runs = new SweepRunRepository();
    private final RenewalInvoices invoices;

    /**
     * @param onPaid what a payment sets off (the settlement listeners), for renewals that credit and a recurring promo
     *               leave with nothing to pay: they are settled as they are issued
     */
    public RenewalSweep(Database database, JobQueue jobs, ProvisioningService provisioning, AuditLog audit,
                        CreditService credits, SettlementListener onPaid, HostrConfig.Billing config, Clock clock) {
        this.database = database;
        this.jobs = jobs;
        this.provisioning = provisioning;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
        this.invoices = new RenewalInvoices(database, audit, credits,
                new PaidByCredit(new InvoiceService(database), audit, onPaid));
    }

    /** The periodic task that enqueues this sweep once per interval across all instances. */
    public PeriodicTask periodicTask() {
        return new PeriodicTask(KIND, Duration.ofSeconds(config.sweepIntervalSeconds()), 2);
    }

    @Override
    public void handle(Job job) {
        run();
    }

    /** The last finished run, for the admin dashboard. */
    public Optional<SweepReport> lastRun() {
        return runs.last(database.dsl());
    }

    /** Runs every phase once at the clock's current time and stores the report. */
    public SweepReport run() {
        Instant now = clock.instant();
        Run run = new Run();
        phase(run, "renewal invoices", () -> issueRenewals(now, run));
        phase(run, "reminders", () -> queueReminders(now, run));
        phase(run, "expiry", () -> expire(now, run));
        phase(run, "termination", () -> terminate(now, run));
        phase(run, "pending orders", () -> cancelPendingOrders(now, run));
        SweepReport report = new SweepReport(now, clock.instant(), run.counts, run.errors);
        database.transactionRun(tx -> runs.insert(tx, report));
        boolean eventful = !report.errors().isEmpty() || report.counts().values().stream().anyMatch(v -> v.longValue() != 0);
        if (eventful) {
            log.info("billing sweep: {}{}", report.counts(), report.errors().isEmpty() ? "" : ", " + report.errors().size() + " error(s)");
        } else {
            log.debug("billing sweep: nothing to do");
        }
        return report;
    }

    private void issueRenewals(Instant now, Run run) {
        Instant issueUpTo = now.plus(Duration.ofDays(config.renewalLeadDays()));
        List<Long> due = renewals.dueForRenewal(database.dsl(), issueUpTo);
        for (int from = 0; from < due.size(); from += CHUNK) {
            List<Long> chunk = due.subList(from, Math.min(from + CHUNK, due.size()));
            try {
                run.issued(invoices.issue(chunk, RenewalRepository.BILLED, issueUpTo, now));
            } catch (RuntimeException e) {
                log.debug("renewal batch of {} failed ({}); issuing one at a time", chunk.size(), e.toString());
                issueOneByOne(chunk, issueUpTo, now, run, e);
            }
        }
    }

    /** One service the batch cannot issue must not hold back the others; when none goes through, the fault is not theirs. */
    private void issueOneByOne(List<Long> chunk, Instant issueUpTo, Instant now, Run run, RuntimeException batchError) {
        Set<Long> failed = new HashSet<>();
        boolean anyIssued = false;
        for (long id : chunk) {
            each(run, failed, id, () -> run.issued(invoices.issue(List.of(id), RenewalRepository.BILLED, issueUpTo, now)));
            anyIssued |= !failed.contains(id);
            if (!anyIssued && failed.size() >= 3) {
                throw batchError;
            }
        }
    }

    private void queueReminders(Instant now, Run run) {
        // A reminder is due from the invoice's issue until the service expires; after that the paywall speaks.
        Instant dueAfter = now.minus(Duration.ofDays(config.graceDays() + 1L));
        Instant dueUpTo = now.plus(Duration.ofDays(config.renewalLeadDays()));
        List<RenewalRepository.Unpaid> unpaid = renewals.unpaid(database.dsl(), RenewalRepository.BILLED, dueAfter, dueUpTo);
        for (int from = 0; from < unpaid.size(); from += CHUNK) {
            Map<String, Reminder> due = new LinkedHashMap<>();
            for (RenewalRepository.Unpaid u : unpaid.subList(from, Math.min(from + CHUNK, unpaid.size()))) {
                BillingRules.reminderDue(now, u.nextDueAt(), config.renewalLeadDays())
                        .ifPresent(slot -> due.put(slot.idempotencyKey(u.serviceId(), u.nextDueAt()), new Reminder(slot, u)));
            }
            // Most were queued by earlier sweeps (a reminder stays due for days): look them up before building any. An
            // invoice this run issued has none yet (its period had no invoice, so no reminder), so it needs no look-up.
            List<String> lookUp = due.entrySet().stream()
                    .filter(e -> !run.issuedNumbers.contains(e.getValue().unpaid().invoiceNumber()))
                    .map(Map.Entry::getKey).toList();
            due.keySet().removeAll(jobs.existingKeys(lookUp));
            List<NewJob> toSend = due.entrySet().stream().map(e -> NewJob.of(NoticeHandler.KIND, e.getKey(), Map.of(
                    "service_id", e.getValue().unpaid().serviceId(), "invoice", e.getValue().unpaid().invoiceNumber(),
                    "slot", e.getValue().slot().key(), "text", reminderText(e.getValue().slot(), e.getValue().unpaid()))))
                    .toList();
            if (!toSend.isEmpty()) {
                // The keys make a concurrent sweep's insert of the same reminder a no-op; only new ones are counted.
                run.add(SweepReport.REMINDERS_QUEUED, database.transaction(tx -> jobs.enqueueAll(tx, toSend)));
            }
        }
    }

    private record Reminder(BillingRules.ReminderSlot slot, RenewalRepository.Unpaid unpaid) {
    }

    private static String reminderText(BillingRules.ReminderSlot slot, RenewalRepository.Unpaid u) {
        return switch (slot) {
            case ISSUED -> "Invoice " + u.invoiceNumber() + " renews your hosting; it is due " + u.nextDueAt();
            case DUE_1D -> "Invoice " + u.invoiceNumber() + " is due tomorrow (" + u.nextDueAt() + ")";
            case DUE -> "Invoice " + u.invoiceNumber() + " is due today; unpaid hosting is suspended after the grace period";
        };
    }

    private void expire(Instant now, Run run) {
        Instant dueUpTo = now.minus(Duration.ofDays(config.graceDays()));
        Set<Long> failed = new HashSet<>();
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            List<RenewalRepository.Unpaid> due = renewals.toExpire(database.dsl(), dueUpTo, BATCH);
            due = due.stream().filter(u -> !failed.contains(u.serviceId())).toList();
            if (due.isEmpty()) {
                return;
            }
            for (RenewalRepository.Unpaid u : due) {
                if (phaseOf(now, u.nextDueAt(), null) != ServicePhase.EXPIRE_NOW) {
                    failed.add(u.serviceId());
                    continue;
                }
                each(run, failed, u.serviceId(), () -> {
                    String reason = "Non-payment " + u.invoiceNumber();
                    boolean requested = database.transaction(tx -> {
                        if (!renewals.recordAction(tx, u.serviceId(), BillingAction.EXPIRE,
                                RenewalRepository.dueRef(u.nextDueAt()), reason, now)) {
                            return false;
                        }
                        provisioning.requestSuspend(tx, u.serviceId(), reason, ServiceStatus.EXPIRED);
                        audit.record(tx, AuditLog.SYSTEM, "service.expire", "service:" + u.serviceId(), reason, now);
                        return true;
                    });
                    if (requested) {
                        run.add(SweepReport.EXPIRIES_REQUESTED);
                        log.info("service {} unpaid past grace ({}): suspension queued", u.serviceId(), reason);
                    }
                });
            }
        }
    }

    private void terminate(Instant now, Run run) {
        Instant dueUpTo = now.minus(Duration.ofDays(config.graceDays()));
        Instant expiredUpTo = now.minus(Duration.ofDays(config.terminateAfterDays()));
        Set<Long> failed = new HashSet<>();
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            List<RenewalRepository.Expired> expired = renewals.toTerminate(database.dsl(), dueUpTo, expiredUpTo, BATCH)
                    .stream().filter(e -> !failed.contains(e.serviceId())).toList();
            if (expired.isEmpty()) {
                return;
            }
            for (RenewalRepository.Expired e : expired) {
                if (phaseOf(now, e.nextDueAt(), e.expiredAt()) != ServicePhase.TERMINATE_NOW) {
                    failed.add(e.serviceId());
                    continue;
                }
                each(run, failed, e.serviceId(), () -> terminateOne(e, now, run));
            }
        }
    }

    private void terminateOne(RenewalRepository.Expired e, Instant now, Run run) {
        String ref = RenewalRepository.dueRef(e.nextDueAt());
        String details = "expired since " + e.expiredAt() + ", unpaid since " + e.nextDueAt();
        if (config.reviewBeforeTerminate()) {
            boolean opened = database.transaction(tx -> {
                if (!renewals.recordAction(tx, e.serviceId(), BillingAction.REVIEW_TERMINATE, ref, details, now)) {
                    return false;
                }
                audit.record(tx, AuditLog.SYSTEM, "service.review_terminate", "service:" + e.serviceId(), details, now);
                return true;
            });
            if (opened) {
                run.add(SweepReport.TERMINATIONS_FOR_REVIEW);
                log.info("service {} due for termination ({}): put before an admin", e.serviceId(), details);
            }
            return;
        }
        boolean requested = database.transaction(tx -> {
            if (!renewals.recordAction(tx, e.serviceId(), BillingAction.TERMINATE, ref, details, now)) {
                return false;
            }
            provisioning.requestTerminate(tx, e.serviceId());
            audit.record(tx, AuditLog.SYSTEM, "service.terminate", "service:" + e.serviceId(), details, now);
            return true;
        });
        if (requested) {
            run.add(SweepReport.TERMINATIONS_REQUESTED);
            log.info("service {} {}: termination queued", e.serviceId(), details);
        }
    }

    private void cancelPendingOrders(Instant now, Run run) {
        Instant createdUpTo = now.minus(Duration.ofDays(config.pendingOrderDays()));
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            List<Long> stale = renewals.stalePendingOrders(database.dsl(), createdUpTo, BATCH);
            if (stale.isEmpty()) {
                return;
            }
            int cancelled = database.transaction(tx -> {
                int n = renewals.cancelPendingOrders(tx, stale, now);
                audit.record(tx, AuditLog.SYSTEM, "orders.cancelled", null, "never paid within "
                        + config.pendingOrderDays() + " days: services " + stale, now);
                return n;
            });
            for (int i = 0; i < cancelled; i++) {
                run.add(SweepReport.ORDERS_CANCELLED);
            }
            if (stale.size() < BATCH) {
                return;
            }
        }
    }

    private ServicePhase phaseOf(Instant now, Instant nextDueAt, Instant expiredAt) {
        return BillingRules.phase(now, nextDueAt, config.renewalLeadDays(), config.graceDays(),
                config.terminateAfterDays(), expiredAt);
    }

    private static void phase(Run run, String name, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("billing sweep: {} failed: {}", name, e.toString());
            run.error(name + ": " + e);
        }
    }

    /** One service's step: a failure is reported and the service skipped for the rest of this run. */
    private static void each(Run run, Set<Long> failed, long serviceId, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            failed.add(serviceId);
            log.warn("billing sweep: service {}: {}", serviceId, e.toString());
            run.error("service " + serviceId + ": " + e);
        }
    }

    /** The tallies of one run. */
    private static final class Run {
        final Map<String, Integer> counts = new LinkedHashMap<>();
        final List<String> errors = new ArrayList<>();
        /** Invoices issued by this run: their reminders cannot exist yet. */
        final Set<String> issuedNumbers = new HashSet<>();

        Run() {
            for (String key : List.of(SweepReport.INVOICES_ISSUED, SweepReport.REMINDERS_QUEUED,
                    SweepReport.EXPIRIES_REQUESTED, SweepReport.TERMINATIONS_REQUESTED,
                    SweepReport.TERMINATIONS_FOR_REVIEW, SweepReport.ORDERS_CANCELLED)) {
                counts.put(key, 0);
            }
        }

        synchronized void add(String key) {
            add(key, 1);
        }

        synchronized void add(String key, int n) {
            counts.merge(key, n, Integer::sum);
        }

        synchronized void issued(List<String> numbers) {
            add(SweepReport.INVOICES_ISSUED, numbers.size());
            issuedNumbers.addAll(numbers);
        }

        synchronized void error(String message) {
            if (errors.size() < MAX_ERRORS) {
                errors.add(message);
            }
        }
    }
}
