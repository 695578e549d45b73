package org.hostr.billing;

import java.time.Duration;
import java.time.Instant;
import org.hostr.audit.AuditLog;
import org.hostr.config.HostrConfig;
import org.hostr.payments.SettlementListener;
import org.hostr.provisioning.ProvisioningService;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a paid RENEWAL or UPGRADE invoice does to its service, inside the settling transaction (NEW invoices are
 * {@link InvoiceService#markPaid}'s and provisioning's):
 * <ul>
 *   <li>ACTIVE (paid early or within grace): the next period continues from the old due date;</li>
 *   <li>EXPIRED: the new period starts at the payment and the account is unsuspended;</li>
 *   <li>SUSPENDED by an admin: never unsuspended by a payment; the period is extended (the money is kept) and the
 *       payment goes to the admin's review queue;</li>
 *   <li>anything else (terminated, cancelled): nothing changes; the payment goes to the review queue to be refunded.</li>
 * </ul>
 * An UPGRADE asks WHM for the new package; the plan changes once WHM confirms.
 */
public final class RenewalSettlement implements SettlementListener {
    private static final Logger log = LoggerFactory.getLogger(RenewalSettlement.class);

    private final ProvisioningService provisioning;
    private final AuditLog audit;
    private final HostrConfig.Billing config;
    private final RenewalRepository renewals = new RenewalRepository();
    private final InvoiceRepository invoices = new InvoiceRepository();

    public RenewalSettlement(ProvisioningService provisioning, AuditLog audit, HostrConfig.Billing config) {
        this.provisioning = provisioning;
        this.audit = audit;
        this.config = config;
    }

    @Override
    public void invoicePaid(DSLContext tx, PaidInvoice paid) {
        switch (paid.kind()) {
            case "RENEWAL" -> renew(tx, paid);
            case "UPGRADE" -> upgrade(tx, paid);
            default -> {
            }
        }
    }

    private void renew(DSLContext tx, PaidInvoice paid) {
        RenewalRepository.BilledService service = renewals.service(tx, paid.serviceId()).orElseThrow();
        Instant now = paid.paidAt();
        switch (service.status()) {
            case "ACTIVE" -> {
                extend(tx, service, paid, false);
                // Past due + grace the sweep may have queued a suspension that has not landed yet: the unsuspend
                // queued after it puts the account back (a no-op if the suspension never happens).
                if (!now.isBefore(service.nextDueAt().plus(Duration.ofDays(config.graceDays())))) {
                    provisioning.requestUnsuspend(tx, service.id());
                }
            }
            case "EXPIRED" -> {
                extend(tx, service, paid, true);
                provisioning.requestUnsuspend(tx, service.id());
            }
            case "SUSPENDED" -> {
                extend(tx, service, paid, false);
                toReview(tx, service.id(), paid, "paid while SUSPENDED by an admin: not unsuspended; the period was extended");
            }
            default -> toReview(tx, service.id(), paid, "paid while the service is " + service.status()
                    + ": nothing changed; refund to balance if it should not have been paid");
        }
    }

    private void extend(DSLContext tx, RenewalRepository.BilledService service, PaidInvoice paid, boolean expired) {
        BillingRules.Period period = BillingRules.nextPeriodOnPayment(service.period(), service.nextDueAt(), paid.paidAt(),
                expired);
        if (!renewals.moveDueDate(tx, service.id(), service.nextDueAt(), period.from(), period.to(), paid.paidAt())) {
            // Rolls the settlement back; the next webhook or reconciler pass settles it again on the new state.
            throw new IllegalStateException("service " + service.id() + " changed its due date while invoice "
                    + paid.number() + " was being settled; settle again");
        }
        audit.record(tx, AuditLog.SYSTEM, "service.renewed", "service:" + service.id(), "invoice " + paid.number()
                + ": paid until " + period.to() + (expired ? " (counted from the payment)" : ""), paid.paidAt());
        log.info("invoice {} paid, service {} renewed until {}", paid.number(), service.id(), period.to());
    }

    private void upgrade(DSLContext tx, PaidInvoice paid) {
        RenewalRepository.BilledService service = renewals.service(tx, paid.serviceId()).orElseThrow();
        long planId = invoices.byId(tx, paid.invoiceId()).orElseThrow().planId();
        switch (service.status()) {
            case "ACTIVE", "EXPIRED", "SUSPENDED" -> {
                provisioning.requestChangePackage(tx, service.id(), planId);
                audit.record(tx, AuditLog.SYSTEM, "service.upgrade", "service:" + service.id(),
                        "invoice " + paid.number() + ": plan " + service.planId() + " → " + planId, paid.paidAt());
            }
            default -> toReview(tx, service.id(), paid, "upgrade paid while the service is " + service.status()
                    + ": nothing changed; refund to balance");
        }
    }

    private void toReview(DSLContext tx, long serviceId, PaidInvoice paid, String details) {
        renewals.recordAction(tx, serviceId, BillingAction.PAYMENT_TO_REVIEW, paid.number(), details, paid.paidAt());
        audit.record(tx, AuditLog.SYSTEM, "payment.review", "service:" + serviceId,
                "invoice " + paid.number() + " " + details, paid.paidAt());
        log.info("invoice {} paid for service {}: {}", paid.number(), serviceId, details);
    }
}
