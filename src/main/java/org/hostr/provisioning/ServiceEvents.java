package org.hostr.provisioning;

import java.time.Clock;
import org.hostr.audit.AuditLog;
import org.hostr.db.Database;
import org.jooq.DSLContext;

/** Writes service_events for provisioning's actions; the actor is always the system (jobs act for whoever asked). */
final class ServiceEvents {
    static final String OK = "ok";
    static final String FAILED = "failed";
    static final String ADOPTED = "adopted";

    private final Database database;
    private final ServiceRepository services;
    private final Clock clock;

    ServiceEvents(Database database, ServiceRepository services, Clock clock) {
        this.database = database;
        this.services = services;
        this.clock = clock;
    }

    void record(DSLContext tx, long serviceId, String action, String outcome, String details) {
        services.addEvent(tx, serviceId, action, outcome, AuditLog.SYSTEM, details, clock.instant());
    }

    /** A failure, in a transaction of its own (the attempt's work is not being committed). */
    void failed(long serviceId, String action, String details) {
        database.transactionRun(tx -> record(tx, serviceId, action, FAILED, details));
    }
}
