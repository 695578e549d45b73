package org.hostr.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hostr.audit.AuditLog;
import org.hostr.db.Database;
import org.hostr.payments.SettlementListener;
import org.hostr.provisioning.ProvisioningService;
import org.hostr.provisioning.ServiceStatus;
import org.hostr.web.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin's billing actions (ARCHITECTURE §7): suspend with a reason, the review queue (unsuspend, terminate,
 * note), mark an invoice paid by hand, cancel an invoice, extend a service, refund to balance, run the sweep now.
 * Each is audited with the admin as actor. Asking for something the service's state does not allow (anything on a
 * terminated service) is a 409 and changes nothing; WHM changes land when their jobs run.
 */
public final class BillingAdminService {
    private static final Logger log = LoggerFactory.getLogger(BillingAdminService.class);
    private static final int MAX_EXTEND_DAYS = 366;

    private final Database database;
    private final ProvisioningService provisioning;
    private final InvoiceService invoiceService;
    private final CreditService credits;
    private final AuditLog audit;
    private final RenewalSweep sweep;
    private final SettlementListener onPaid;
    private final Clock clock;
    private final RenewalRepository renewals = new RenewalRepository();
    private final InvoiceRepository invoices = new InvoiceRepository();
    private final ReviewRepository reviews = new ReviewRepository();

    /**
     * @param onPaid what a payment sets off (the same listeners as Strike settlement: provisioning for NEW,
     *               {@link RenewalSettlement} for RENEWAL/UPGRADE), so an invoice marked paid by hand acts like a paid one
     */
    public BillingAdminService(Database database, ProvisioningService provisioning, InvoiceService invoiceService,
                               CreditService credits, AuditLog audit, RenewalSweep sweep, SettlementListener onPaid,
                               Clock clock) {
        this.database = database;
        this.provisioning = provisioning;
        this.invoiceService = invoiceService;
        this.credits = credits;
        this.audit = audit;
        this.sweep = sweep;
        this.onPaid = onPaid;
        this.clock = clock;
    }

    public SweepReport sweepNow(String admin) {
        log.info("billing sweep run now by {}", admin);
        return sweep.run();
    }

    public Optional<SweepReport> lastSweep() {
        return sweep.lastRun();
    }

    public List<ReviewItem> reviewQueue() {
        return reviews.queue(database.dsl());
    }

    /** ACTIVE or EXPIRED → SUSPENDED once WHM confirms; never restored by a payment. @return the job id */
    public long suspend(String admin, long serviceId, String reason) {
        String why = required(reason, "reason", "a suspension needs a reason (WHM and the customer see it)");
        requireStatus(serviceId, "suspend", Set.of("ACTIVE", "EXPIRED"));
        return database.transaction(tx -> {
            long job = provisioning.requestSuspend(tx, serviceId, why, ServiceStatus.SUSPENDED);
            audit.record(tx, admin, "service.suspend", "service:" + serviceId, why, clock.instant());
            return job;
        });
    }

    /** SUSPENDED (or EXPIRED) → ACTIVE once WHM confirms; closes the service's open review items. */
    public long unsuspend(String admin, long serviceId) {
        requireStatus(serviceId, "unsuspend", Set.of("SUSPENDED", "EXPIRED"));
        return database.transaction(tx -> {
            long job = provisioning.requestUnsuspend(tx, serviceId);
            renewals.resolveReviews(tx, serviceId, admin, "unsuspended", clock.instant());
            audit.record(tx, admin, "service.unsuspend", "service:" + serviceId, null, clock.instant());
            return job;
        });
    }

    /** Removes the account (removeacct) and ends the service; closes its open review items. */
    public long terminate(String admin, long serviceId, String reason) {
        requireStatus(serviceId, "terminate", Set.of("ACTIVE", "EXPIRED", "SUSPENDED", "PROVISIONING"));
        return database.transaction(tx -> {
            long job = provisioning.requestTerminate(tx, serviceId);
            renewals.resolveReviews(tx, serviceId, admin, "terminated", clock.instant());
            audit.record(tx, admin, "service.terminate", "service:" + serviceId, reason, clock.instant());
            return job;
        });
    }

    /** A note on the service, shown in the review queue. Allowed on any service: it changes nothing. */
    public void note(String admin, long serviceId, String text) {
        String note = required(text, "text", "a note needs text");
        service(serviceId);
        database.transactionRun(tx -> {
            reviews.addNote(tx, serviceId, admin, note, clock.instant());
            audit.record(tx, admin, "service.note", "service:" + serviceId, note, clock.instant());
        });
    }

    /**
     * Closes the service's open review items without touching the service: the admin dealt with them another way (a
     * kept payment refunded to balance, a termination decided against). Without this, an item on a service that can
     * no longer be unsuspended or terminated would stay in the queue for ever.
     *
     * @return how many items were closed
     */
    public int closeReview(String admin, long serviceId, String resolution) {
        String why = required(resolution, "resolution", "closing a review item needs a word on what was done");
        service(serviceId);
        return database.transaction(tx -> {
            int closed = renewals.resolveReviews(tx, serviceId, admin, why, clock.instant());
            if (closed == 0) {
                throw ApiError.conflict("nothing_open", "service " + serviceId + " has no open review item to close");
            }
            audit.record(tx, admin, "review.close", "service:" + serviceId, closed + " item(s): " + why, clock.instant());
            return closed;
        });
    }

    /**
     * Moves the due date {@code days} later (an outage credit), and the open renewal invoice with it so the sweep does
     * not issue a second one. Only ACTIVE or SUSPENDED services: an EXPIRED one is restored by paying or unsuspending.
     *
     * @return the new due date
     */
    public Instant extend(String admin, long serviceId, int days, String reason) {
        if (days < 1 || days > MAX_EXTEND_DAYS) {
            throw ApiError.badRequest("bad_days", "days must be 1.." + MAX_EXTEND_DAYS + ", was " + days);
        }
        String why = required(reason, "reason", "an extension needs a reason for the audit log");
        RenewalRepository.BilledService service = requireStatus(serviceId, "extend", Set.of("ACTIVE", "SUSPENDED"));
        if (service.nextDueAt() == null) {
            throw ApiError.conflict("no_due_date", "service " + serviceId + " has no due date to extend");
        }
        Duration by = Duration.ofDays(days);
        Instant newDue = service.nextDueAt().plus(by);
        Instant now = clock.instant();
        database.transactionRun(tx -> {
            if (!renewals.moveDueDate(tx, serviceId, service.nextDueAt(), null, newDue, now)) {
                throw ApiError.conflict("changed", "service " + serviceId + " changed meanwhile; look again and retry");
            }
            renewals.renewalFor(tx, serviceId, service.nextDueAt())
                    .filter(invoice -> Invoice.UNPAID.equals(invoice.status()))
                    .ifPresent(invoice -> renewals.movePeriod(tx, invoice.id(), newDue, invoice.periodTo().plus(by), newDue));
            audit.record(tx, admin, "service.extend", "service:" + serviceId, days + " day(s) to " + newDue + ": " + why, now);
        });
        log.info("service {} extended by {} day(s) to {} by {}", serviceId, days, newDue, admin);
        return newDue;
    }

    /** Marks an UNPAID invoice PAID (money received another way) and sets off what a payment does. */
    public PaidInvoice markPaid(String admin, String number, String reason) {
        String why = required(reason, "reason", "marking an invoice paid by hand needs a reason for the audit log");
        Invoice invoice = invoice(number);
        if (!Invoice.UNPAID.equals(invoice.status())) {
            throw ApiError.conflict("not_unpaid", "invoice " + number + " is " + invoice.status() + "; only UNPAID invoices can be marked paid");
        }
        requireLive(invoice.serviceId(), "mark an invoice paid for");
        Instant now = clock.instant();
        PaidInvoice paid = database.transaction(tx -> {
            PaidInvoice result = invoiceService.markPaid(tx, invoice.id(), now)
                    .orElseThrow(() -> ApiError.conflict("not_unpaid", "invoice " + number + " was settled meanwhile"));
            audit.record(tx, admin, "invoice.marked_paid", number, why, now);
            onPaid.invoicePaid(tx, result);
            return result;
        });
        log.info("invoice {} marked paid by {}: {}", number, admin, why);
        return paid;
    }

    /** UNPAID → CANCELLED; a new order's invoice takes its PENDING service with it. */
    public void cancelInvoice(String admin, String number, String reason) {
        Invoice invoice = invoice(number);
        Instant now = clock.instant();
        database.transactionRun(tx -> {
            if (!invoices.cancel(tx, invoice.id(), now)) {
                throw ApiError.conflict("not_unpaid", "invoice " + number + " is " + invoice.status()
                        + "; only UNPAID invoices can be cancelled");
            }
            if ("NEW".equals(invoice.kind())) {
                renewals.cancelPendingOrders(tx, List.of(invoice.serviceId()), now);
            }
            audit.record(tx, admin, "invoice.cancel", number, reason, now);
        });
        log.info("invoice {} cancelled by {}", number, admin);
    }

    /**
     * Gives money of a PAID invoice back to the customer's credit balance: {@code amountMinor}, or all that is left
     * when null; never more than the invoice's total over all refunds.
     *
     * @return the amount refunded
     */
    public long refundToBalance(String admin, String number, Long amountMinor, String reason) {
        String why = required(reason, "reason", "a refund needs a reason for the audit log");
        Invoice invoice = invoice(number);
        if (!Invoice.PAID.equals(invoice.status())) {
            throw ApiError.conflict("not_paid", "invoice " + number + " is " + invoice.status() + "; only PAID invoices can be refunded");
        }
        long left = invoice.totalMinor() - invoices.refunded(database.dsl(), invoice.id());
        long amount = amountMinor == null ? left : amountMinor;
        if (amount <= 0 || amount > left) {
            throw ApiError.badRequest("bad_amount", "a refund of invoice " + number + " must be 1.." + left
                    + " minor units (" + invoice.currency() + "), was " + amount);
        }
        database.transactionRun(tx -> {
            if (!invoices.addRefund(tx, invoice.id(), amount)) {
                throw ApiError.conflict("changed", "invoice " + number + " was refunded meanwhile; look again");
            }
            credits.refundToBalance(tx, invoice.customerId(), amount, "invoice " + number + ": " + why);
            audit.record(tx, admin, "invoice.refund", number, amount + " " + invoice.currency() + " to balance: " + why,
                    clock.instant());
        });
        return amount;
    }

    private Invoice invoice(String number) {
        return invoiceService.byNumber(number).orElseThrow(() -> ApiError.notFound("invoice " + number));
    }

    private RenewalRepository.BilledService service(long serviceId) {
        return renewals.service(database.dsl(), serviceId).orElseThrow(() -> ApiError.notFound("service " + serviceId));
    }

    private void requireLive(long serviceId, String action) {
        RenewalRepository.BilledService service = service(serviceId);
        if (ServiceRecords.NOT_LIVE.contains(service.status())) {
            throw ApiError.conflict("service_ended", "cannot " + action + " service " + serviceId + ": it is "
                    + service.status());
        }
    }

    private RenewalRepository.BilledService requireStatus(long serviceId, String action, Set<String> allowed) {
        requireLive(serviceId, action);
        RenewalRepository.BilledService service = service(serviceId);
        if (!allowed.contains(service.status())) {
            throw ApiError.conflict("wrong_status", "cannot " + action + " service " + serviceId + " while it is "
                    + service.status() + " (only " + String.join(", ", allowed.stream().sorted().toList()) + ")");
        }
        return service;
    }

    private static String required(String value, String field, String message) {
        if (value == null || value.isBlank()) {
            throw ApiError.badRequest(field + "_required", message);
        }
        return value.strip();
    }
}
