package org.hostr.billing;

import static org.hostr.db.RenderedQuery.param;
import static org.hostr.db.RenderedQuery.stored;
import static org.hostr.db.generated.Tables.SERVICES;

import java.time.Instant;
import java.util.List;
import org.hostr.db.RenderedQuery;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Billing's writes to the services table: a new PENDING service, and the first payment's move to PROVISIONING. */
final class ServiceRecords {
    static final List<String> NOT_LIVE = List.of("TERMINATED", "CANCELLED");
    // Rendered once (see RenderedQuery): every first payment runs it in the settling transaction.
    private static final RenderedQuery START_FIRST_PERIOD = RenderedQuery.of(d -> d.update(SERVICES)
            .set(SERVICES.STATUS, DSL.inline("PROVISIONING"))
            .set(SERVICES.PERIOD_START, param(SERVICES.PERIOD_START))
            .set(SERVICES.NEXT_DUE_AT, param(SERVICES.NEXT_DUE_AT))
            .set(SERVICES.UPDATED_AT, param(SERVICES.UPDATED_AT))
            .where(SERVICES.ID.eq(param(SERVICES.ID)).and(SERVICES.STATUS.eq(DSL.inline("PENDING")))));

    long insertPending(DSLContext tx, long customerId, long planId, String domain, Instant now) {
        return tx.insertInto(SERVICES)
                .set(SERVICES.CUSTOMER_ID, customerId)
                .set(SERVICES.PLAN_ID, planId)
                .set(SERVICES.DOMAIN, domain)
                .set(SERVICES.STATUS, "PENDING")
                .set(SERVICES.CREATED_AT, now)
                .set(SERVICES.UPDATED_AT, now)
                .returning(SERVICES.ID)
                .fetchSingle(SERVICES.ID);
    }

    /**
     * Mirrors the partial unique index services_live_domain_uk, so the usual case gets a clear 409 before the insert. The
     * statuses are inlined: a planner uses a partial index only when the query repeats its condition literally, and with
     * bind values SQLite read every service ever ordered, at every order.
     */
    boolean domainLive(DSLContext db, String domain) {
        return db.fetchExists(SERVICES, SERVICES.DOMAIN.eq(domain)
                .and(SERVICES.STATUS.notIn(NOT_LIVE.stream().map(DSL::inline).toList())));
    }

    String domainOf(DSLContext db, long serviceId) {
        return db.select(SERVICES.DOMAIN).from(SERVICES).where(SERVICES.ID.eq(serviceId)).fetchSingle(SERVICES.DOMAIN);
    }

    /** PENDING → PROVISIONING with the first period; a service in any other state is left alone. */
    boolean startFirstPeriod(DSLContext tx, long serviceId, Instant start, Instant nextDue) {
        return START_FIRST_PERIOD.execute(tx, stored(SERVICES.PERIOD_START, start), stored(SERVICES.NEXT_DUE_AT, nextDue),
                stored(SERVICES.UPDATED_AT, start), serviceId) == 1;
    }

    String statusOf(DSLContext db, long serviceId) {
        return db.select(SERVICES.STATUS).from(SERVICES).where(SERVICES.ID.eq(serviceId)).fetchSingle(SERVICES.STATUS);
    }
}
