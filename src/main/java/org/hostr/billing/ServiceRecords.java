package org.hostr.billing;

import static org.hostr.db.generated.Tables.SERVICES;

import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Billing's writes to the services table: a new PENDING service, and the first payment's move to PROVISIONING. */
final class ServiceRecords {
    static final List<String> NOT_LIVE = List.of("TERMINATED", "CANCELLED");

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
        return tx.update(SERVICES)
                .set(SERVICES.STATUS, "PROVISIONING")
                .set(SERVICES.PERIOD_START, start)
                .set(SERVICES.NEXT_DUE_AT, nextDue)
                .set(SERVICES.UPDATED_AT, start)
                .where(SERVICES.ID.eq(serviceId).and(SERVICES.STATUS.eq("PENDING")))
                .execute() == 1;
    }

    String statusOf(DSLContext db, long serviceId) {
        return db.select(SERVICES.STATUS).from(SERVICES).where(SERVICES.ID.eq(serviceId)).fetchSingle(SERVICES.STATUS);
    }
}
