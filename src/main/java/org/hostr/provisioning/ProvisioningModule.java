package org.hostr.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hostr.audit.AuditLog;
import org.hostr.db.Database;
import org.hostr.jobs.JobHandler;
import org.hostr.jobs.JobQueue;
import org.hostr.jobs.PeriodicTask;
import org.hostr.provisioning.whm.WhmTimeouts;
import org.hostr.secrets.SecretBox;
import org.hostr.web.RouteGroup;

/**
 * Builds provisioning in one call, for Application and the tests:
 *
 * <pre>{@code
 * ProvisioningModule provisioning = ProvisioningModule.create(db, jobQueue, secretBox, audit, clock,
 *         id -> catalog.plan(id).map(Plan::whmPackage), WhmTimeouts.DEFAULT, Duration.ofHours(1));
 * provisioning.servers().upsertFromConfig(config.whmServers());
 * // routes: provisioning.routes(); job handlers: provisioning.jobHandlers(); periodic: provisioning.periodicTasks()
 * // billing/payments call provisioning.service().requestProvisioning(tx, serviceId) etc.
 * // notices hear confirmed status changes and drift: provisioning.listeners().add(listener)
 * }</pre>
 */
public record ProvisioningModule(ServerService servers, ProvisioningService service, Provisioner provisioner,
                                 AccountLifecycle lifecycle, DriftCheck drift, RouteGroup routes,
                                 Map<String, JobHandler> jobHandlers, List<PeriodicTask> periodicTasks,
                                 ProvisioningListeners listeners)
        implements AutoCloseable {

    public static ProvisioningModule create(Database db, JobQueue jobs, SecretBox secrets, AuditLog audit, Clock clock,
                                            PlanPackages plans, WhmTimeouts timeouts, Duration driftInterval) {
        ServerService servers = new ServerService(db, secrets, audit, clock, timeouts);
        ProvisioningService service = new ProvisioningService(db, jobs, servers, secrets);
        // Added to after creation (notices), so the module can be built before the features that listen to it.
        ProvisioningListeners listeners = new ProvisioningListeners();
        Provisioner provisioner = new Provisioner(db, servers, plans, secrets, listeners, clock);
        AccountLifecycle lifecycle = new AccountLifecycle(db, servers, plans, secrets, listeners, clock);
        DriftCheck drift = new DriftCheck(db, servers, plans, audit, listeners, clock);
        Map<String, JobHandler> handlers = Map.of(
                ProvisioningJobs.PROVISION, provisioner,
                ProvisioningJobs.SUSPEND, lifecycle::suspend,
                ProvisioningJobs.UNSUSPEND, lifecycle::unsuspend,
                ProvisioningJobs.TERMINATE, lifecycle::terminate,
                ProvisioningJobs.CHANGE_PACKAGE, lifecycle::changePackage,
                ProvisioningJobs.RESET_PASSWORD, lifecycle::resetPassword,
                ProvisioningJobs.DRIFT_CHECK, drift);
        // A drift run is read-only and the next slot runs anyway: one retry is enough.
        List<PeriodicTask> periodic = List.of(new PeriodicTask(ProvisioningJobs.DRIFT_CHECK, driftInterval, 2));
        return new ProvisioningModule(servers, service, provisioner, lifecycle, drift,
                new ProvisioningRoutes(servers, service, drift), handlers, periodic, listeners);
    }

    @Override
    public void close() {
        servers.close();
    }
}
