package org.hostr.billing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hostr.audit.AuditLog;
import org.hostr.catalog.CatalogService;
import org.hostr.catalog.Plan;
import org.hostr.db.Database;
import org.hostr.payments.SettlementListener;
import org.hostr.web.ApiError;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Placing an order: a PENDING service and its first invoice, in one transaction. The invoice is priced by
 * {@link InvoiceAmounts} (promo code, then credit); one with nothing left to pay is PAID at once ({@link PaidByCredit}).
 */
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
    private final PaidByCredit paidByCredit;
    private final List<OrderPlaced> placedListeners = new CopyOnWriteArrayList<>();

    /** Told of each new order inside its transaction (not of a repeated request): the order-received notice. */
    public interface OrderPlaced {
        void orderPlaced(DSLContext tx, long customerId, String domain, String planName, PlacedOrder order);
    }

    /**
     * @param onPaid what a payment sets off (the settlement listeners), for orders that credit and discount leave with
     *               nothing to pay: they are settled as they are placed, and provisioned like a paid order
     */
    public OrderService(Database database, CatalogService catalog, AuditLog audit, Clock clock, PromoCodeService promos,
                        CreditService credit, SettlementListener onPaid) {
        this.database = database;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
        this.promos = promos;
        this.credit = credit;
        this.paidByCredit = new PaidByCredit(new InvoiceService(database), audit, onPaid);
    }

    public void onOrderPlaced(OrderPlaced listener) {
        placedListeners.add(listener);
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
        long discountMinor = discount == null ? 0 : discount.discountMinor();
        // The number first: every issuer takes the counter's lock before a customer's balance, so none deadlock.
        String number = InvoiceNumbers.next(tx, now);
        InvoiceAmounts amounts = InvoiceAmounts.of(subtotal, discountMinor,
                credit.applyCredit(tx, customerId, subtotal - discountMinor, number));
        long serviceId = services.insertPending(tx, customerId, plan.id(), name.value(), now);
        long invoiceId = invoices.insertNew(tx, number, customerId, serviceId, plan.id(), amounts,
                discount == null ? null : discount.promoCodeId(), plan.currency(), now);
        if (key != null) {
            requests.insert(tx, customerId, key, serviceId, now);
        }
        audit.record(tx, "customer:" + customerId, "order.placed", number,
                "plan " + plan.slug() + ", domain " + name.value() + ", service " + serviceId, now);
        log.info("order: invoice {} for {} ({}), service {}", number, name.value(), plan.slug(), serviceId);
        String status = Invoice.UNPAID;
        if (amounts.paidByCredit()) {
            paidByCredit.settle(tx, invoiceId, now);
            status = Invoice.PAID;
        }
        PlacedOrder placed = new PlacedOrder(serviceId, number, status, amounts.totalMinor(), plan.currency());
        placedListeners.forEach(l -> l.orderPlaced(tx, customerId, name.value(), plan.name(), placed));
        return placed;
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
        // Control characters cannot come in a header, but can in the order form's field; PostgreSQL refuses NUL.
        if (key.length() > MAX_KEY_LENGTH || key.chars().anyMatch(Character::isISOControl)) {
            throw ApiError.badRequest("bad_idempotency_key", "Idempotency-Key may have at most " + MAX_KEY_LENGTH
                    + " characters, none of them control characters");
        }
        return key;
    }

    private static ApiError domainTaken(DomainName name) {
        return ApiError.conflict("domain_taken", name.value() + " is already hosted here; choose another domain");
    }
}
