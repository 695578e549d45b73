package org.hostr.billing;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.hostr.audit.AuditLog;
import org.hostr.catalog.CatalogService;
import org.hostr.catalog.Plan;
import org.hostr.db.Database;
import org.hostr.web.ApiError;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Placing an order: a PENDING service and its first UNPAID invoice, in one transaction. */
public final class OrderService {
    private static final Logger log = LoggerFactory.getLogger(OrderService.class);
    private static final int MAX_KEY_LENGTH = 200;

    private final Database database;
    private final CatalogService catalog;
    private final AuditLog audit;
    private final Clock clock;
    private final InvoiceRepository invoices = new InvoiceRepository();
    private final ServiceRecords services = new ServiceRecords();
    private final OrderRequests requests = new OrderRequests();

    private final PromoCodeService promos;
    private final CreditService credit;

    public OrderService(Database database, CatalogService catalog, AuditLog audit, Clock clock) {
        this(database, catalog, audit, clock, new PromoCodeService(database, clock), new CreditService(audit, clock));
    }

    public OrderService(Database database, CatalogService catalog, AuditLog audit, Clock clock, PromoCodeService promos,
                        CreditService credit) {
        this.database = database;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
        this.promos = promos;
        this.credit = credit;
    }

    /**
     * Places an order. With an {@code idempotencyKey}, repeating the request returns the first order instead of
     * placing another (once the order_requests migration exists; until then the key is ignored with a warning).
     *
     * @throws ApiError 400 bad_domain, 422 unknown_plan, 409 domain_taken, 422 idempotency_key_reused
     */
    public PlacedOrder placeOrder(long customerId, String planSlug, String domain, String idempotencyKey) {
        return placeOrder(customerId, planSlug, domain, idempotencyKey, null);
    }

    /** As above, with a promo code checked now; its use is counted only when the invoice settles. */
    public PlacedOrder placeOrder(long customerId, String planSlug, String domain, String idempotencyKey, String promoCode) {
        DomainName name = DomainName.parse(domain);
        Plan plan = catalog.activePlan(planSlug == null ? "" : planSlug.trim())
                .orElseThrow(() -> ApiError.unprocessable("unknown_plan", "there is no plan \"" + planSlug + "\" on sale; see GET /api/v1/plans"));
        String key = usableKey(idempotencyKey);
        try {
            return database.transaction(tx -> {
                if (key != null) {
                    Optional<PlacedOrder> earlier = earlierOrder(tx, customerId, key, name);
                    if (earlier.isPresent()) {
                        return earlier.get();
                    }
                }
                return place(tx, customerId, plan, name, key, promoCode);
            });
        } catch (DataAccessException e) {
            // Lost a race the checks above could not see (PostgreSQL, two requests at once): say which one.
            if (key != null) {
                Optional<PlacedOrder> earlier = database.transaction(tx -> earlierOrder(tx, customerId, key, name));
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            if (services.domainLive(database.dsl(), name.value())) {
                throw domainTaken(name);
            }
            throw e;
        }
    }

    private PlacedOrder place(DSLContext tx, long customerId, Plan plan, DomainName name, String key, String promoCode) {
        if (services.domainLive(tx, name.value())) {
            throw domainTaken(name);
        }
        Instant now = clock.instant();
        long subtotal = Math.addExact(plan.priceMinor(), plan.setupMinor());
        Discount discount = promoCode == null || promoCode.isBlank() ? null
                : promos.check(tx, promoCode, subtotal, plan.currency(), now, true);
        long afterDiscount = subtotal - (discount == null ? 0 : discount.discountMinor());
        // Credit never pays a whole invoice here: a Lightning invoice needs at least one minor unit.
        long applied = afterDiscount > 1 ? credit.applyCredit(tx, customerId, afterDiscount - 1) : 0;
        long total = afterDiscount - applied;
        long serviceId = services.insertPending(tx, customerId, plan.id(), name.value(), now);
        String number = InvoiceNumbers.next(tx, now);
        invoices.insertNew(tx, number, customerId, serviceId, plan.id(), subtotal,
                discount == null ? 0 : discount.discountMinor(), applied, discount == null ? null : discount.promoCodeId(),
                total, plan.currency(), now);
        if (key != null) {
            requests.insert(tx, customerId, key, serviceId, now);
        }
        audit.record(tx, "customer:" + customerId, "order.placed", number,
                "plan " + plan.slug() + ", domain " + name.value() + ", service " + serviceId, now);
        log.info("order: invoice {} for {} ({}), service {}", number, name.value(), plan.slug(), serviceId);
        return new PlacedOrder(serviceId, number, Invoice.UNPAID, total, plan.currency());
    }

    private Optional<PlacedOrder> earlierOrder(DSLContext tx, long customerId, String key, DomainName name) {
        return requests.serviceFor(tx, customerId, key).map(serviceId -> {
            if (!services.domainOf(tx, serviceId).equals(name.value())) {
                throw ApiError.unprocessable("idempotency_key_reused",
                        "this Idempotency-Key was used for another order; send a new key for a new order");
            }
            Invoice first = invoices.firstOfService(tx, serviceId).orElseThrow();
            return new PlacedOrder(serviceId, first.number(), first.status(), first.totalMinor(), first.currency());
        });
    }

    private String usableKey(String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return null;
        }
        String key = idempotencyKey.trim();
        if (key.length() > MAX_KEY_LENGTH) {
            throw ApiError.badRequest("bad_idempotency_key", "Idempotency-Key may have at most " + MAX_KEY_LENGTH + " characters");
        }
        return key;
    }

    private static ApiError domainTaken(DomainName name) {
        return ApiError.conflict("domain_taken", name.value() + " is already hosted here; choose another domain");
    }
}
