package org.hostr.admin;

import java.time.Clock;
import java.util.List;
import org.hostr.audit.AuditLog;
import org.hostr.billing.BillingAdminService;
import org.hostr.catalog.CatalogService;
import org.hostr.db.Database;
import org.hostr.jobs.JobQueue;
import org.hostr.provisioning.ProvisioningModule;
import org.hostr.web.RouteGroup;

/**
 * Builds the admin pages in one call, for Application and the tests:
 *
 * <pre>{@code
 * AdminModule admin = AdminModule.create(database, catalog, jobs, provisioning, billingAdmin, audit, clock, lastSweep);
 * routes.add(admin.routes());
 * }</pre>
 */
public record AdminModule(AdminQueries queries, RouteGroup routes) {

    public static AdminModule create(Database db, CatalogService catalog, JobQueue jobs, ProvisioningModule provisioning,
                                     BillingAdminService billing, AuditLog audit, Clock clock, LastSweep lastSweep) {
        AdminQueries queries = new AdminQueries(db.dsl());
        ReviewQueries reviews = new ReviewQueries(db.dsl(), queries);
        ServiceActions serviceActions = new ServiceActions(billing);
        List<RouteGroup> actions = List.of(
                new PlanPages(db, catalog, queries, audit, clock, provisioning.servers()),
                new ServerPages(db, provisioning.servers(), audit, clock),
                new ReviewPages(reviews, serviceActions),
                new ServicePages(queries, reviews, serviceActions),
                new InvoicePages(new InvoiceQueries(db.dsl()), queries, billing),
                new JobPages(db, jobs, audit, clock));
        AdminPages pages = new AdminPages(queries, catalog, provisioning.servers(), jobs, provisioning.drift(),
                lastSweep == null ? LastSweep.NONE : lastSweep, clock, actions);
        return new AdminModule(queries, pages);
    }
}
