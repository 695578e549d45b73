package org.hostr.billing;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hostr.audit.AuditLog;
import org.hostr.catalog.CatalogService;
import org.hostr.catalog.Plan;
import org.hostr.db.Database;
import org.hostr.payments.SettlementListener;
import org.hostr.provisioning.ProvisioningService;
import org.hostr.web.ApiError;

/**
 * The customer's side of renewals: renew now, upgrade (prorated), invoice history and receipts. Another customer's
 * service or invoice is a 404, so ids and numbers reveal nothing.
 */
public final class CustomerBillingService {
    private static final List<String> RENEWABLE = List.of("ACTIVE", "EXPIRED", "SUSPENDED");

    private final Database database;
    private final CatalogService catalog;
    private final ProvisioningService provisioning;
    private final CreditService credits;
    private final AuditLog audit;
    private final Clock clock;
    private final RenewalRepository renewals = new RenewalRepository();
    private final InvoiceRepository invoices = new InvoiceRepository();
    private final ReceiptRepository receipts = new ReceiptRepository();
    private final PaidByCredit paidByCredit;
    private final RenewalInvoices renewalInvoices;

    /**
     * @param onPaid what a payment sets off (the settlement listeners), for renewals and upgrades that credit leaves
     *               with nothing to pay: they are settled as they are issued
     */
    public CustomerBillingService(Database database, CatalogService catalog, ProvisioningService provisioning,
                                  CreditService credits, SettlementListener onPaid, AuditLog audit, Clock clock) {
        this.database = database;
        this.catalog = catalog;
        this.provisioning = provisioning;
        this.credits = credits;
        this.audit = audit;
        this.clock = clock;
        this.paidByCredit = new PaidByCredit(new InvoiceService(database), audit, onPaid);
        this.renewalInvoices = new RenewalInvoices(database, audit, credits, paidByCredit);
    }

    /**
     * The open renewal invoice of the service, issuing it now if the sweep has not yet; an invoice the customer's
     * credit paid as it was issued comes back PAID.
     */
    public Invoice renewNow(long customerId, long serviceId) {
        RenewalRepository.BilledService service = owned(customerId, serviceId);
        if (!RENEWABLE.contains(service.status()) || service.nextDueAt() == null) {
            throw ApiError.conflict("not_renewable", "service " + serviceId + " is " + service.status()
                    + " and cannot be renewed");
        }
        var open = renewals.openRenewal(database.dsl(), serviceId);
        if (open.isPresent()) {
            return open.get();
        }
        List<String> issued = renewalInvoices.issue(List.of(serviceId), RENEWABLE, null, clock.instant());
        if (!issued.isEmpty()) {
            return invoices.byNumber(database.dsl(), issued.get(0)).orElseThrow();
        }
        return renewals.renewalFor(database.dsl(), serviceId, service.nextDueAt())
                .filter(invoice -> Invoice.UNPAID.equals(invoice.status()))
                .orElseThrow(() -> ApiError.conflict("renewal_closed", "the renewal of service " + serviceId
                        + " for the period from " + service.nextDueAt() + " was cancelled; ask the shop"));
    }

    /**
     * What an upgrade did: an invoice (dearer plan; {@code chargeMinor} is what is left to pay after the customer's
     * credit, 0 when credit paid it and the change is queued) or a credit to the balance ({@code creditMinor}, cheaper
     * plan) and the change queued.
     */
    public record PlanChange(String invoiceNumber, long chargeMinor, long creditMinor, String currency, String plan,
                             String planName, String domain) {
    }

    /**
     * Moves an ACTIVE service to another active plan of the same currency and period. A dearer plan gives an UPGRADE
     * invoice for the prorated difference, less the customer's credit, and the package changes when it is paid (at
     * once if credit paid it all); a cheaper one credits the prorated difference to the balance and changes the
     * package now. Sent again before the change is done, an upgrade returns the invoice already open and a downgrade
     * is refused (409 plan_change_waiting), so neither is charged or credited twice.
     */
    public PlanChange upgrade(long customerId, long serviceId, String planSlug) {
        RenewalRepository.BilledService service = owned(customerId, serviceId);
        if (!"ACTIVE".equals(service.status())) {
            throw ApiError.conflict("not_active", "service " + serviceId + " can change plan only while ACTIVE; it is "
                    + service.status());
        }
        if (planSlug == null || planSlug.isBlank()) {
            throw ApiError.badRequest("plan_required", "say which plan: {\"plan\": \"<slug>\"}");
        }
        Plan target = catalog.activePlan(planSlug.strip()).orElseThrow(() -> ApiError.unprocessable("plan_unavailable",
                "plan " + planSlug + " does not exist or is not offered any more; see GET /api/v1/plans"));
        if (target.id() == service.planId()) {
            throw ApiError.unprocessable("same_plan", "service " + serviceId + " is already on plan " + target.slug());
        }
        Plan current = catalog.plan(service.planId()).orElseThrow();
        Instant now = clock.instant();
        Proration.Change change = Proration.planChange(current, target, service.periodStart(), service.nextDueAt(), now);
        return database.transaction(tx -> {
            if (change.isUpgrade()) {
                // A repeat (a double-clicked form) gets the invoice already waiting, not a second one to pay.
                var open = renewals.openUpgrade(tx, serviceId, target.id(), service.nextDueAt());
                if (open.isPresent()) {
                    return new PlanChange(open.get().number(), open.get().totalMinor(), 0, change.currency(), target.slug(),
                            target.name(), service.domain());
                }
                String number = InvoiceNumbers.next(tx, now);
                InvoiceAmounts amounts = InvoiceAmounts.of(change.chargeMinor(), 0,
                        credits.applyCredit(tx, customerId, change.chargeMinor(), number));
                if (invoices.insertAll(tx, List.of(new InvoiceRepository.Billed("UPGRADE", number, customerId, serviceId,
                        target.id(), amounts, null, change.currency(), now, service.nextDueAt(), now)), now) != 1) {
                    throw new IllegalStateException("upgrade invoice " + number + " clashed with an existing invoice");
                }
                audit.record(tx, "customer:" + customerId, "invoice.issued", number, "upgrade of service " + serviceId
                        + " to plan " + target.slug(), now);
                if (amounts.paidByCredit()) {
                    paidByCredit.settle(tx, invoices.idsOf(tx, List.of(number)).get(0), now);
                }
                return new PlanChange(number, amounts.totalMinor(), 0, change.currency(), target.slug(), target.name(),
                        service.domain());
            }
            // The plan changes only once WHM has switched the package: until then the queued job is what says a
            // downgrade was given, so a repeat (a double-click, a script in a loop) cannot collect the credit again.
            if (!provisioning.requestChangePackageOnce(tx, serviceId, target.id())) {
                throw ApiError.conflict("plan_change_waiting", "service " + serviceId + " is already moving to plan "
                        + target.slug() + " and its credit is in the balance; the change completes once the server has "
                        + "switched the package");
            }
            if (change.creditMinor() > 0) {
                credits.refundToBalance(tx, customerId, change.creditMinor(), "downgrade of service " + serviceId
                        + " to plan " + target.slug());
            }
            audit.record(tx, "customer:" + customerId, "service.change_plan", "service:" + serviceId,
                    current.slug() + " → " + target.slug(), now);
            return new PlanChange(null, 0, change.creditMinor(), change.currency(), target.slug(), target.name(),
                    service.domain());
        });
    }

    /**
     * Another plan on sale that an ACTIVE service can move to now: the plan's price per period, and what the move costs
     * today ({@code chargeMinor}, an upgrade invoice) or gives back to the credit balance ({@code creditMinor}).
     */
    public record PlanOffer(String plan, String name, String price, String period, long chargeMinor, long creditMinor,
                            String amount) {
    }

    /**
     * What the account page shows before a plan change is confirmed: for each of the customer's ACTIVE services, the
     * other plans on sale of the same currency and period, prorated as {@link #upgrade} would prorate them now. Two
     * queries, however many services.
     */
    public Map<Long, List<PlanOffer>> planOffers(long customerId) {
        List<RenewalRepository.BilledService> active = renewals.servicesOf(database.dsl(), customerId).stream()
                .filter(s -> "ACTIVE".equals(s.status()) && s.periodStart() != null && s.nextDueAt() != null).toList();
        if (active.isEmpty()) {
            return Map.of();
        }
        Map<Long, Plan> plans = catalog.allPlans().stream().collect(Collectors.toMap(Plan::id, p -> p));
        List<Plan> onSale = plans.values().stream().filter(Plan::active)
                .sorted(Comparator.comparingLong(Plan::sort).thenComparingLong(Plan::id)).toList();
        Instant now = clock.instant();
        Map<Long, List<PlanOffer>> offers = new LinkedHashMap<>();
        for (RenewalRepository.BilledService service : active) {
            Plan current = plans.get(service.planId());
            List<PlanOffer> choices = onSale.stream()
                    .filter(p -> p.id() != current.id() && p.currency().equals(current.currency()) && p.period() == current.period())
                    .map(p -> offer(p, Proration.planChange(current, p, service.periodStart(), service.nextDueAt(), now)))
                    .toList();
            if (!choices.isEmpty()) {
                offers.put(service.id(), choices);
            }
        }
        return offers;
    }

    private static PlanOffer offer(Plan plan, Proration.Change change) {
        long amount = change.chargeMinor() + change.creditMinor();
        return new PlanOffer(plan.slug(), plan.name(), new Money(plan.priceMinor(), plan.currency()).display(),
                plan.period().unit(), change.chargeMinor(), change.creditMinor(), new Money(amount, change.currency()).display());
    }

    /** The customer's invoices, newest first. */
    public List<Invoice> history(long customerId) {
        return invoices.ofCustomer(database.dsl(), customerId, 200);
    }

    /** The receipt of one of the customer's PAID invoices; 404 otherwise. */
    public Receipt receipt(long customerId, String number) {
        return receipts.paid(database.dsl(), customerId, number)
                .orElseThrow(() -> ApiError.notFound("paid invoice " + number));
    }

    private RenewalRepository.BilledService owned(long customerId, long serviceId) {
        return renewals.service(database.dsl(), serviceId).filter(s -> s.customerId() == customerId)
                .orElseThrow(() -> ApiError.notFound("service " + serviceId));
    }
}
