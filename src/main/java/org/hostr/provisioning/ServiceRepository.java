package org.hostr.provisioning;

import static org.hostr.db.generated.Tables.SERVICES;
import static org.hostr.db.generated.Tables.SERVICE_EVENTS;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hostr.db.generated.tables.records.ServicesRecord;
import org.jooq.DSLContext;

/**
 * Provisioning's reads and writes of services (server, username, password, the WHM-confirmed status changes) and
 * service_events. Billing writes the rows' money side (creation, due dates) through its own records class.
 */
public final class ServiceRepository {
    private final DSLContext db;

    public ServiceRepository(DSLContext db) {
        this.db = db;
    }

    public Optional<HostingService> find(long id) {
        return find(db, id);
    }

    public Optional<HostingService> find(DSLContext tx, long id) {
        return tx.selectFrom(SERVICES).where(SERVICES.ID.eq(id)).fetchOptional(ServiceRepository::toService);
    }

    public List<HostingService> onServer(long serverId) {
        return db.selectFrom(SERVICES).where(SERVICES.SERVER_ID.eq(serverId)).orderBy(SERVICES.ID)
                .fetch(ServiceRepository::toService);
    }

    /** Sets the server once; false when another run set one first. */
    public boolean assignServer(DSLContext tx, long id, long serverId, Instant now) {
        return tx.update(SERVICES).set(SERVICES.SERVER_ID, serverId).set(SERVICES.UPDATED_AT, now)
                .where(SERVICES.ID.eq(id), SERVICES.SERVER_ID.isNull()).execute() == 1;
    }

    public boolean usernameInUse(long serverId, String username) {
        return db.fetchExists(SERVICES, SERVICES.SERVER_ID.eq(serverId), SERVICES.USERNAME.eq(username));
    }

    /** The cPanel usernames our services hold on a server (at most its max_accounts): one query, not one per name. */
    public java.util.Set<String> usernamesOn(long serverId) {
        return new java.util.HashSet<>(db.select(SERVICES.USERNAME).from(SERVICES)
                .where(SERVICES.SERVER_ID.eq(serverId), SERVICES.USERNAME.isNotNull()).fetch(SERVICES.USERNAME));
    }

    /**
     * Stores the username while the service has {@code expected} (null for none yet). The unique index on
     * (server_id, username) refuses a name another service holds: the caller tries the next name.
     */
    public boolean setUsername(DSLContext tx, long id, String expected, String username, Instant now) {
        var where = expected == null ? SERVICES.USERNAME.isNull() : SERVICES.USERNAME.eq(expected);
        return tx.update(SERVICES).set(SERVICES.USERNAME, username).set(SERVICES.UPDATED_AT, now)
                .where(SERVICES.ID.eq(id), where).execute() == 1;
    }

    public void setPassword(DSLContext tx, long id, String passwordEnc, Instant now) {
        tx.update(SERVICES).set(SERVICES.PASSWORD_ENC, passwordEnc).set(SERVICES.UPDATED_AT, now)
                .where(SERVICES.ID.eq(id)).execute();
    }

    /** PROVISIONING → ACTIVE; false when the service had moved on (cancelled meanwhile, or already active). */
    public boolean activate(DSLContext tx, long id, Instant now) {
        return tx.update(SERVICES)
                .set(SERVICES.STATUS, ServiceStatus.ACTIVE.name())
                .set(SERVICES.ACTIVATED_AT, now)
                .set(SERVICES.UPDATED_AT, now)
                .where(SERVICES.ID.eq(id), SERVICES.STATUS.eq(ServiceStatus.PROVISIONING.name()))
                .execute() == 1;
    }

    /** Moves {@code from} → {@code to} with a suspend reason (null clears it); false when the status was not {@code from}. */
    public boolean changeStatus(DSLContext tx, long id, ServiceStatus from, ServiceStatus to, String reason, Instant now) {
        return tx.update(SERVICES)
                .set(SERVICES.STATUS, to.name())
                .set(SERVICES.SUSPEND_REASON, reason)
                .set(SERVICES.UPDATED_AT, now)
                .where(SERVICES.ID.eq(id), SERVICES.STATUS.eq(from.name()))
                .execute() == 1;
    }

    public boolean terminate(DSLContext tx, long id, ServiceStatus from, Instant now) {
        return tx.update(SERVICES)
                .set(SERVICES.STATUS, ServiceStatus.TERMINATED.name())
                .set(SERVICES.TERMINATED_AT, now)
                .set(SERVICES.UPDATED_AT, now)
                .where(SERVICES.ID.eq(id), SERVICES.STATUS.eq(from.name()))
                .execute() == 1;
    }

    public void setPlan(DSLContext tx, long id, long planId, Instant now) {
        tx.update(SERVICES).set(SERVICES.PLAN_ID, planId).set(SERVICES.UPDATED_AT, now)
                .where(SERVICES.ID.eq(id)).execute();
    }

    public void addEvent(DSLContext tx, long serviceId, String action, String outcome, String actor, String details,
                         Instant at) {
        tx.insertInto(SERVICE_EVENTS)
                .set(SERVICE_EVENTS.SERVICE_ID, serviceId)
                .set(SERVICE_EVENTS.ACTION, action)
                .set(SERVICE_EVENTS.OUTCOME, outcome)
                .set(SERVICE_EVENTS.ACTOR, actor)
                .set(SERVICE_EVENTS.DETAILS, details == null || details.length() <= 2000 ? details : details.substring(0, 2000))
                .set(SERVICE_EVENTS.AT, at)
                .execute();
    }

    private static HostingService toService(ServicesRecord r) {
        return new HostingService(r.getId(), r.getCustomerId(), r.getPlanId(), r.getServerId(), r.getDomain(),
                r.getUsername(), r.getPasswordEnc(), ServiceStatus.valueOf(r.getStatus()), r.getSuspendReason(),
                r.getUpdatedAt());
    }
}
