package org.hostr.billing;

import static org.hostr.db.generated.Tables.BILLING_ACTIONS;
import static org.hostr.db.generated.Tables.INVOICES;
import static org.hostr.db.generated.Tables.PAYMENTS;
import static org.hostr.db.generated.Tables.PLANS;
import static org.hostr.db.generated.Tables.SERVICES;
import static org.hostr.db.generated.Tables.SERVICE_EVENTS;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.hostr.catalog.BillingPeriod;
import org.hostr.db.generated.tables.Invoices;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The renewal cycle's SQL: one set-based query per sweep phase, the services' money side
 * (due dates), renewal/upgrade invoices and the once-only guards of billing_actions.
 */
final class RenewalRepository {
    static final List<String> BILLED = List.of("ACTIVE", "SUSPENDED");

    /** A service with its plan's price, as the sweep and settlement see it. */
    record BilledService(long id, long customerId, long planId, String status, Instant periodStart, Instant nextDueAt,
                         long priceMinor, String currency, BillingPeriod period, String domain) {
    }

    /** A service whose current period has an UNPAID renewal invoice. */
    record Unpaid(long serviceId, Instant nextDueAt, String invoiceNumber) {
    }

    private static final Field<?>[] SERVICE_FIELDS = {SERVICES.ID, SERVICES.CUSTOMER_ID, SERVICES.PLAN_ID, SERVICES.STATUS,
            SERVICES.PERIOD_START, SERVICES.NEXT_DUE_AT, PLANS.PRICE_MINOR, PLANS.CURRENCY, PLANS.PERIOD, SERVICES.DOMAIN};

    Optional<BilledService> service(DSLContext db, long id) {
        return db.select(SERVICE_FIELDS).from(SERVICES).join(PLANS).on(PLANS.ID.eq(SERVICES.PLAN_ID))
                .where(SERVICES.ID.eq(id)).fetchOptional(RenewalRepository::billed);
    }

    /** All of a customer's services with their plan's price, oldest first: one query for the account page. */
    List<BilledService> servicesOf(DSLContext db, long customerId) {
        return db.select(SERVICE_FIELDS).from(SERVICES).join(PLANS).on(PLANS.ID.eq(SERVICES.PLAN_ID))
                .where(SERVICES.CUSTOMER_ID.eq(customerId)).orderBy(SERVICES.ID).fetch(RenewalRepository::billed);
    }

    /** A service due for its renewal invoice, with the promo code its order was priced with (null if none). */
    record Due(BilledService service, Long orderPromoId) {
    }

    /**
     * Ids of billed services inside the renewal lead (or past due) whose current period has no renewal invoice and
     * none open, oldest due first: one set-based query for the whole sweep (ids only, so a million stays small).
     */
    List<Long> dueForRenewal(DSLContext db, Instant issueUpTo) {
        return db.select(SERVICES.ID).from(SERVICES)
                .where(SERVICES.STATUS.in(BILLED), SERVICES.NEXT_DUE_AT.le(issueUpTo))
                .andNotExists(renewalIssuedOrOpen())
                .orderBy(SERVICES.NEXT_DUE_AT, SERVICES.ID)
                .fetch(SERVICES.ID);
    }

    /**
     * Those of {@code ids} still due for a renewal invoice, read again inside the issuing transaction, with their plan
     * and their order's promo code.
     *
     * @param issueUpTo the lead's end, or null to issue whatever the due date (the customer's "renew now")
     */
    List<Due> dueAmong(DSLContext tx, Collection<Long> ids, Collection<String> statuses, Instant issueUpTo) {
        Invoices order = INVOICES.as("o");
        Field<Long> orderPromo = DSL.select(DSL.max(order.PROMO_CODE_ID)).from(order)
                .where(order.SERVICE_ID.eq(SERVICES.ID), order.KIND.eq("NEW")).asField("order_promo_id");
        // Status and due date are checked here, not in SQL: given them, SQLite walks the whole status/due index
        // range for every batch instead of looking the ids up.
        return tx.select(SERVICE_FIELDS).select(orderPromo).from(SERVICES).join(PLANS).on(PLANS.ID.eq(SERVICES.PLAN_ID))
                .where(SERVICES.ID.in(ids))
                .andNotExists(renewalIssuedOrOpen())
                .orderBy(SERVICES.NEXT_DUE_AT, SERVICES.ID)
                .fetch(r -> new Due(billed(r), r.get(orderPromo)))
                .stream().filter(d -> statuses.contains(d.service().status()) && d.service().nextDueAt() != null
                        && (issueUpTo == null || !d.service().nextDueAt().isAfter(issueUpTo)))
                .toList();
    }

    /** The service's current period has its renewal invoice, or an older renewal is still open. */
    private static org.jooq.Select<?> renewalIssuedOrOpen() {
        Invoices i = INVOICES.as("i");
        return DSL.selectOne().from(i).where(i.SERVICE_ID.eq(SERVICES.ID), i.KIND.eq("RENEWAL"),
                i.PERIOD_FROM.eq(SERVICES.NEXT_DUE_AT).or(i.STATUS.eq(Invoice.UNPAID)));
    }

    /**
     * Services of {@code statuses} due in (from, to] whose current period's renewal invoice is UNPAID, in one query:
     * paging with LIMIT would sort the whole window again for every page.
     */
    List<Unpaid> unpaid(DSLContext db, Collection<String> statuses, Instant dueAfter, Instant dueUpTo) {
        return db.select(SERVICES.ID, SERVICES.NEXT_DUE_AT, INVOICES.NUMBER).from(SERVICES)
                .join(INVOICES).on(INVOICES.SERVICE_ID.eq(SERVICES.ID), INVOICES.KIND.eq("RENEWAL"),
                        INVOICES.STATUS.eq(Invoice.UNPAID), INVOICES.PERIOD_FROM.eq(SERVICES.NEXT_DUE_AT))
                .where(SERVICES.STATUS.in(statuses), SERVICES.NEXT_DUE_AT.le(dueUpTo), SERVICES.NEXT_DUE_AT.gt(dueAfter))
                .orderBy(SERVICES.ID)
                .fetch(r -> new Unpaid(r.value1(), r.value2(), r.value3()));
    }

    /** ACTIVE services past due + grace with an unpaid renewal and no EXPIRE action yet for that due date. */
    List<Unpaid> toExpire(DSLContext db, Instant dueUpTo, int limit) {
        return db.select(SERVICES.ID, SERVICES.NEXT_DUE_AT, INVOICES.NUMBER).from(SERVICES)
                .join(INVOICES).on(INVOICES.SERVICE_ID.eq(SERVICES.ID), INVOICES.KIND.eq("RENEWAL"),
                        INVOICES.STATUS.eq(Invoice.UNPAID), INVOICES.PERIOD_FROM.eq(SERVICES.NEXT_DUE_AT))
                .where(SERVICES.STATUS.eq("ACTIVE"), SERVICES.NEXT_DUE_AT.le(dueUpTo))
                .andNotExists(actionFor(BillingAction.EXPIRE))
                .orderBy(SERVICES.ID).limit(limit)
                .fetch(r -> new Unpaid(r.value1(), r.value2(), r.value3()));
    }

    /** An EXPIRED, still unpaid service and when it became EXPIRED. */
    record Expired(long serviceId, Instant nextDueAt, Instant expiredAt) {
    }

    /**
     * EXPIRED services still unpaid (due at or before {@code dueUpTo}) that expired at or before {@code expiredUpTo},
     * with no termination or review yet for that due date. The expiry time is WHM's confirmation: the last successful
     * suspend event (provisioning writes it when the status lands), so termination counts from the real suspension.
     */
    List<Expired> toTerminate(DSLContext db, Instant dueUpTo, Instant expiredUpTo, int limit) {
        Field<Instant> expiredAt = expiredAt();
        return db.select(SERVICES.ID, SERVICES.NEXT_DUE_AT, expiredAt).from(SERVICES)
                .where(SERVICES.STATUS.eq("EXPIRED"), SERVICES.NEXT_DUE_AT.le(dueUpTo), expiredAt.le(expiredUpTo))
                .andNotExists(actionFor(BillingAction.TERMINATE))
                .andNotExists(actionFor(BillingAction.REVIEW_TERMINATE))
                .orderBy(SERVICES.ID).limit(limit)
                .fetch(r -> new Expired(r.value1(), r.value2(), r.value3()));
    }

    private static Field<Instant> expiredAt() {
        Field<Instant> lastSuspend = DSL.select(DSL.max(SERVICE_EVENTS.AT)).from(SERVICE_EVENTS)
                .where(SERVICE_EVENTS.SERVICE_ID.eq(SERVICES.ID), SERVICE_EVENTS.ACTION.eq("suspend"),
                        SERVICE_EVENTS.OUTCOME.eq("ok")).asField();
        return DSL.coalesce(lastSuspend, SERVICES.UPDATED_AT);
    }

    /** A billing_actions row for the service's current due date; its ref is the due date's epoch milliseconds. */
    private static org.jooq.Select<?> actionFor(BillingAction action) {
        return DSL.selectOne().from(BILLING_ACTIONS).where(BILLING_ACTIONS.SERVICE_ID.eq(SERVICES.ID),
                BILLING_ACTIONS.ACTION.eq(action.name()),
                BILLING_ACTIONS.REF.eq(SERVICES.NEXT_DUE_AT.cast(SQLDataType.VARCHAR)));
    }

    /**
     * New orders never paid: PENDING services created at or before {@code createdUpTo}. A service whose payment is in
     * flight or settled at Strike is left alone: cancelling its invoice would strand the money.
     */
    List<Long> stalePendingOrders(DSLContext db, Instant createdUpTo, int limit) {
        return db.select(SERVICES.ID).from(SERVICES)
                .where(SERVICES.STATUS.eq("PENDING"), SERVICES.CREATED_AT.le(createdUpTo))
                .andNotExists(DSL.selectOne().from(PAYMENTS).join(INVOICES).on(INVOICES.ID.eq(PAYMENTS.INVOICE_ID))
                        .where(INVOICES.SERVICE_ID.eq(SERVICES.ID), PAYMENTS.STATE.in("PENDING", "PAID")))
                .orderBy(SERVICES.ID).limit(limit)
                .fetch(SERVICES.ID);
    }

    /** PENDING → CANCELLED with their unpaid NEW invoices; returns how many services moved. */
    int cancelPendingOrders(DSLContext tx, List<Long> serviceIds, Instant now) {
        int services = tx.update(SERVICES).set(SERVICES.STATUS, "CANCELLED").set(SERVICES.UPDATED_AT, now)
                .where(SERVICES.ID.in(serviceIds), SERVICES.STATUS.eq("PENDING")).execute();
        tx.update(INVOICES).set(INVOICES.STATUS, Invoice.CANCELLED).set(INVOICES.CANCELLED_AT, now)
                .where(INVOICES.SERVICE_ID.in(serviceIds), INVOICES.KIND.eq("NEW"), INVOICES.STATUS.eq(Invoice.UNPAID))
                .execute();
        return services;
    }

    /** Records an action once; false when it was recorded before (by this sweep, another one, or another instance). */
    boolean recordAction(DSLContext tx, long serviceId, BillingAction action, String ref, String details, Instant now) {
        return tx.insertInto(BILLING_ACTIONS)
                .set(BILLING_ACTIONS.SERVICE_ID, serviceId).set(BILLING_ACTIONS.ACTION, action.name())
                .set(BILLING_ACTIONS.REF, ref).set(BILLING_ACTIONS.DETAILS, details)
                .set(BILLING_ACTIONS.CREATED_AT, now)
                .onConflictDoNothing()
                .execute() == 1;
    }

    static String dueRef(Instant nextDueAt) {
        return Long.toString(nextDueAt.toEpochMilli());
    }

    /** Closes a service's open review items; returns how many. */
    int resolveReviews(DSLContext tx, long serviceId, String admin, String resolution, Instant now) {
        return tx.update(BILLING_ACTIONS).set(BILLING_ACTIONS.RESOLVED_AT, now).set(BILLING_ACTIONS.RESOLVED_BY, admin)
                .set(BILLING_ACTIONS.RESOLUTION, resolution)
                .where(BILLING_ACTIONS.SERVICE_ID.eq(serviceId),
                        BILLING_ACTIONS.ACTION.in(BillingAction.REVIEW_TERMINATE.name(), BillingAction.PAYMENT_TO_REVIEW.name()),
                        BILLING_ACTIONS.RESOLVED_AT.isNull())
                .execute();
    }

    /**
     * Moves a service's due date from {@code expectedDue}; false when it had moved (a concurrent payment or extension).
     */
    boolean moveDueDate(DSLContext tx, long serviceId, Instant expectedDue, Instant periodStart, Instant nextDue, Instant now) {
        var update = tx.update(SERVICES).set(SERVICES.NEXT_DUE_AT, nextDue).set(SERVICES.UPDATED_AT, now);
        if (periodStart != null) {
            update = update.set(SERVICES.PERIOD_START, periodStart);
        }
        return update.where(SERVICES.ID.eq(serviceId), SERVICES.NEXT_DUE_AT.eq(expectedDue)).execute() == 1;
    }

    /** Moves an unpaid invoice's period and due date (an extension moved the service's due date). */
    void movePeriod(DSLContext tx, long invoiceId, Instant from, Instant to, Instant dueAt) {
        tx.update(INVOICES).set(INVOICES.PERIOD_FROM, from).set(INVOICES.PERIOD_TO, to).set(INVOICES.DUE_AT, dueAt)
                .where(INVOICES.ID.eq(invoiceId), INVOICES.STATUS.eq(Invoice.UNPAID)).execute();
    }

    Optional<Invoice> openRenewal(DSLContext db, long serviceId) {
        return db.select(INVOICES.ID).from(INVOICES)
                .where(INVOICES.SERVICE_ID.eq(serviceId), INVOICES.KIND.eq("RENEWAL"), INVOICES.STATUS.eq(Invoice.UNPAID))
                .orderBy(INVOICES.ID.desc()).limit(1).fetchOptional(INVOICES.ID)
                .flatMap(id -> new InvoiceRepository().byId(db, id));
    }

    /** The service's UNPAID upgrade invoice to the plan for the period ending at {@code periodTo}, if there is one. */
    Optional<Invoice> openUpgrade(DSLContext db, long serviceId, long planId, Instant periodTo) {
        return db.select(INVOICES.ID).from(INVOICES)
                .where(INVOICES.SERVICE_ID.eq(serviceId), INVOICES.KIND.eq("UPGRADE"), INVOICES.STATUS.eq(Invoice.UNPAID),
                        INVOICES.PLAN_ID.eq(planId), INVOICES.PERIOD_TO.eq(periodTo))
                .orderBy(INVOICES.ID.desc()).limit(1).fetchOptional(INVOICES.ID)
                .flatMap(id -> new InvoiceRepository().byId(db, id));
    }

    /** The renewal invoice of the period starting at {@code periodFrom}, whatever its status. */
    Optional<Invoice> renewalFor(DSLContext db, long serviceId, Instant periodFrom) {
        return db.select(INVOICES.ID).from(INVOICES)
                .where(INVOICES.SERVICE_ID.eq(serviceId), INVOICES.KIND.eq("RENEWAL"), INVOICES.PERIOD_FROM.eq(periodFrom))
                .fetchOptional(INVOICES.ID)
                .flatMap(id -> new InvoiceRepository().byId(db, id));
    }

    private static BilledService billed(org.jooq.Record r) {
        return new BilledService(r.get(SERVICES.ID), r.get(SERVICES.CUSTOMER_ID), r.get(SERVICES.PLAN_ID),
                r.get(SERVICES.STATUS), r.get(SERVICES.PERIOD_START), r.get(SERVICES.NEXT_DUE_AT),
                r.get(PLANS.PRICE_MINOR), r.get(PLANS.CURRENCY), BillingPeriod.valueOf(r.get(PLANS.PERIOD)),
                r.get(SERVICES.DOMAIN));
    }
}
