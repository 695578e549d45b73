package org.hostr.provisioning;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hostr.db.Database;
import org.hostr.jobs.JobQueue;
import org.hostr.jobs.NewJob;
import org.hostr.secrets.SecretBox;
import org.hostr.web.ApiError;
import org.jooq.DSLContext;

/**
 * What other features ask of provisioning. The request methods enqueue a job in the caller's transaction (so the job
 * exists exactly when, say, the payment that asked for it commits); the jobs talk to WHM and change the service's
 * status only after WHM confirms.
 */
public final class ProvisioningService {
    private final Database database;
    private final JobQueue jobs;
    private final ServiceRepository services;
    private final ServerService servers;
    private final SecretBox secrets;

    public ProvisioningService(Database database, JobQueue jobs, ServerService servers, SecretBox secrets) {
        this.database = database;
        this.jobs = jobs;
        this.services = new ServiceRepository(database.dsl());
        this.servers = servers;
        this.secrets = secrets;
    }

    /** Creates the cPanel account of a PROVISIONING service. At most one job per service; returns its id. */
    public long requestProvisioning(DSLContext tx, long serviceId) {
        return jobs.enqueue(tx, provisionJob(serviceId));
    }

    /** As {@link #requestProvisioning}, for a caller that needs no id (settlement): true when queued now. */
    public boolean queueProvisioning(DSLContext tx, long serviceId) {
        return jobs.add(tx, provisionJob(serviceId));
    }

    private static NewJob provisionJob(long serviceId) {
        return NewJob.of(ProvisioningJobs.PROVISION, ProvisioningJobs.provisionKey(serviceId), Map.of("service_id", serviceId));
    }

    /**
     * Suspends the account on WHM, then sets the service EXPIRED (non-payment, restored when paid) or SUSPENDED (by an
     * admin) with the reason.
     */
    public long requestSuspend(DSLContext tx, long serviceId, String reason, ServiceStatus kind) {
        if (!kind.suspended()) {
            throw new IllegalArgumentException("a suspension is EXPIRED or SUSPENDED, not " + kind);
        }
        if (reason == null || reason.isBlank()) {
            throw ApiError.badRequest("reason_required", "a suspension needs a reason (WHM shows it to the admin)");
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("service_id", serviceId);
        payload.put("status", kind.name());
        payload.put("reason", reason.strip());
        return enqueue(tx, ProvisioningJobs.SUSPEND, serviceId, kind.name(), payload);
    }

    public long requestUnsuspend(DSLContext tx, long serviceId) {
        return enqueue(tx, ProvisioningJobs.UNSUSPEND, serviceId, ServiceStatus.ACTIVE.name(), Map.of("service_id", serviceId));
    }

    public long requestTerminate(DSLContext tx, long serviceId) {
        return enqueue(tx, ProvisioningJobs.TERMINATE, serviceId, ServiceStatus.TERMINATED.name(),
                Map.of("service_id", serviceId));
    }

    public long requestChangePackage(DSLContext tx, long serviceId, long newPlanId) {
        return enqueue(tx, ProvisioningJobs.CHANGE_PACKAGE, serviceId, "plan" + newPlanId,
                Map.of("service_id", serviceId, "plan_id", newPlanId));
    }

    /**
     * As {@link #requestChangePackage}, for a change the customer asked for: false when this very change of this
     * version of the service is queued already (WHM has not switched the package yet), so the caller can refuse a
     * repeat before it credits or charges anything a second time.
     */
    public boolean requestChangePackageOnce(DSLContext tx, long serviceId, long newPlanId) {
        HostingService service = services.find(tx, serviceId)
                .orElseThrow(() -> ApiError.notFound("service " + serviceId));
        NewJob job = NewJob.of(ProvisioningJobs.CHANGE_PACKAGE, ProvisioningJobs.intentKey(ProvisioningJobs.CHANGE_PACKAGE,
                serviceId, "plan" + newPlanId, service.updatedAt().toEpochMilli()),
                Map.of("service_id", serviceId, "plan_id", newPlanId));
        return jobs.enqueueAll(tx, List.of(job)) == 1;
    }

    public long requestPasswordReset(DSLContext tx, long serviceId) {
        return enqueue(tx, ProvisioningJobs.RESET_PASSWORD, serviceId, "new", Map.of("service_id", serviceId));
    }

    private long enqueue(DSLContext tx, String kind, long serviceId, String target, Map<String, Object> payload) {
        HostingService service = services.find(tx, serviceId)
                .orElseThrow(() -> ApiError.notFound("service " + serviceId));
        Instant version = service.updatedAt();
        return jobs.enqueue(tx, kind, ProvisioningJobs.intentKey(kind, serviceId, target, version.toEpochMilli()),
                payload, null);
    }

    /**
     * The cPanel login of the customer's own service, the password decrypted now. Another customer's service is a 404,
     * so ids cannot be probed.
     */
    public Credentials credentials(long customerId, long serviceId) {
        HostingService service = owned(customerId, serviceId);
        if (service.username() == null || service.passwordEnc() == null || service.serverId() == null
                || !service.status().live() || service.status() == ServiceStatus.PENDING) {
            throw ApiError.conflict("not_ready", "service " + serviceId + " has no cPanel account yet (status "
                    + service.status() + ")");
        }
        Server server = servers.get(service.serverId());
        return new Credentials(service.id(), service.domain(), server.cpanelUrl(), service.username(),
                secrets.decrypt(service.passwordEnc()));
    }

    /** A customer asks for a new cPanel password; only for an ACTIVE service. */
    public long customerPasswordReset(long customerId, long serviceId) {
        HostingService service = owned(customerId, serviceId);
        if (service.status() != ServiceStatus.ACTIVE) {
            throw ApiError.conflict("not_active", "the password of service " + serviceId + " can be reset only while it is "
                    + "ACTIVE; it is " + service.status());
        }
        return database.transaction(tx -> requestPasswordReset(tx, serviceId));
    }

    private HostingService owned(long customerId, long serviceId) {
        return services.find(serviceId).filter(s -> s.customerId() == customerId)
                .orElseThrow(() -> ApiError.notFound("service " + serviceId));
    }
}
