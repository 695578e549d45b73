package org.hostr.provisioning;

import java.time.Clock;
import java.util.Optional;
import org.hostr.db.Database;
import org.hostr.jobs.Job;
import org.hostr.jobs.PermanentJobException;
import org.hostr.provisioning.whm.WhmAccount;
import org.hostr.provisioning.whm.WhmCallFailedException;
import org.hostr.provisioning.whm.WhmClient;
import org.hostr.provisioning.whm.WhmException;
import org.hostr.provisioning.whm.WhmFailureKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs that change an existing account: suspend, unsuspend, terminate, change package, reset password. Each reads
 * WHM's state first and treats "already so" as done (spec §5.5); our status changes only after WHM confirms.
 */
public final class AccountLifecycle {
    private static final Logger log = LoggerFactory.getLogger(AccountLifecycle.class);

    private final Database database;
    private final ServiceRepository services;
    private final ServerService servers;
    private final PlanPackages plans;
    private final org.hostr.secrets.SecretBox secrets;
    private final AccountPasswords passwords = new AccountPasswords();
    private final ServiceEvents events;
    private final ProvisioningListener listener;
    private final Clock clock;

    public AccountLifecycle(Database database, ServerService servers, PlanPackages plans,
                            org.hostr.secrets.SecretBox secrets, ProvisioningListener listener, Clock clock) {
        this.database = database;
        this.services = new ServiceRepository(database.dsl());
        this.servers = servers;
        this.plans = plans;
        this.secrets = secrets;
        this.events = new ServiceEvents(database, services, clock);
        this.listener = listener;
        this.clock = clock;
    }

    /** A step that talks to WHM; WHM failures are turned into job outcomes by {@link #run}. */
    private interface Step {
        void run(HostingService service, WhmClient whm) throws Exception;
    }

    public void suspend(Job job) throws Exception {
        ServiceStatus target = ServiceStatus.valueOf(job.textField("status"));
        String reason = job.textField("reason");
        run(job, "suspend", (service, whm) -> {
            if (!ServiceStatus.HAS_ACCOUNT.contains(service.status())) {
                log.info("service {} is {}: not suspending", service.id(), service.status());
                return;
            }
            WhmAccount account = existing(service, whm, "suspend");
            if (account.suspended() && service.status() == target) {
                return; // already so on both sides
            }
            if (!account.suspended()) {
                whm.suspend(service.username(), reason);
            }
            changeStatus(service, target, reason, "suspend", "suspended on WHM as " + target + ": " + reason);
        });
    }

    public void unsuspend(Job job) throws Exception {
        run(job, "unsuspend", (service, whm) -> {
            if (!ServiceStatus.HAS_ACCOUNT.contains(service.status())) {
                log.info("service {} is {}: not unsuspending", service.id(), service.status());
                return;
            }
            WhmAccount account = existing(service, whm, "unsuspend");
            if (!account.suspended() && service.status() == ServiceStatus.ACTIVE) {
                return;
            }
            if (account.suspended()) {
                whm.unsuspend(service.username());
            }
            changeStatus(service, ServiceStatus.ACTIVE, null, "unsuspend", "unsuspended on WHM");
        });
    }

    public void terminate(Job job) throws Exception {
        run(job, "terminate", (service, whm) -> {
            if (service.status() == ServiceStatus.TERMINATED || service.status() == ServiceStatus.CANCELLED) {
                return;
            }
            String details = "no account on WHM";
            if (whm != null && service.username() != null && whm.accountSummary(service.username()).isPresent()) {
                try {
                    whm.remove(service.username());
                    details = "account " + service.username() + " removed from WHM";
                } catch (WhmCallFailedException e) {
                    if (!e.isNoSuchAccount()) {
                        throw e;
                    }
                }
            }
            String done = details;
            boolean changed = database.transaction(tx -> {
                if (!services.terminate(tx, service.id(), service.status(), clock.instant())) {
                    return false;
                }
                events.record(tx, service.id(), "terminate", ServiceEvents.OK, done);
                listener.statusChanged(tx, service, ServiceStatus.TERMINATED);
                return true;
            });
            requireChanged(changed, service);
            log.info("service {} ({}) TERMINATED: {}", service.id(), service.domain(), done);
        });
    }

    public void changePackage(Job job) throws Exception {
        long planId = job.longField("plan_id");
        String pkg = plans.whmPackage(planId).orElseThrow(() -> new PermanentJobException(
                "plan " + planId + " does not exist, so there is no WHM package to change to"));
        run(job, "change_plan", (service, whm) -> {
            if (!ServiceStatus.HAS_ACCOUNT.contains(service.status())) {
                log.info("service {} is {}: not changing its package", service.id(), service.status());
                return;
            }
            WhmAccount account = existing(service, whm, "change_plan");
            if (!pkg.equals(account.plan())) {
                try {
                    whm.changePackage(service.username(), pkg);
                } catch (WhmCallFailedException e) {
                    if (e.kind() == WhmFailureKind.UNKNOWN_PACKAGE) {
                        events.failed(service.id(), "change_plan", e.getMessage());
                        throw new PermanentJobException("service " + service.id() + ": WHM has no package \"" + pkg
                                + "\": create it in WHM » Add a Package or fix plan " + planId + "'s whm_package", e);
                    }
                    throw e;
                }
            }
            if (service.planId() == planId && pkg.equals(account.plan())) {
                return;
            }
            database.transactionRun(tx -> {
                services.setPlan(tx, service.id(), planId, clock.instant());
                events.record(tx, service.id(), "change_plan", ServiceEvents.OK,
                        "plan " + service.planId() + " → " + planId + " (package " + pkg + ")");
            });
            log.info("service {} ({}) moved to plan {} (package {})", service.id(), service.domain(), planId, pkg);
        });
    }

    public void resetPassword(Job job) throws Exception {
        run(job, "password", (service, whm) -> {
            if (service.status() != ServiceStatus.ACTIVE) {
                log.info("service {} is {}: password not reset", service.id(), service.status());
                return;
            }
            existing(service, whm, "password");
            String password = passwords.next();
            whm.setPassword(service.username(), password);
            database.transactionRun(tx -> {
                services.setPassword(tx, service.id(), secrets.encrypt(password), clock.instant());
                events.record(tx, service.id(), "password", ServiceEvents.OK, "cPanel password reset");
            });
            log.info("service {} ({}): cPanel password reset", service.id(), service.domain());
        });
    }

    private void run(Job job, String action, Step step) throws Exception {
        long id = job.longField("service_id");
        HostingService service = services.find(id)
                .orElseThrow(() -> new PermanentJobException("service " + id + " does not exist"));
        WhmClient whm = service.serverId() == null ? null : servers.client(service.serverId());
        if (whm == null && !"terminate".equals(action)) {
            log.info("service {} has no server (status {}): nothing to {}", id, service.status(), action);
            return;
        }
        try {
            step.run(service, whm);
        } catch (WhmException e) {
            events.failed(id, action, e.getMessage());
            throw WhmJobErrors.forJob(action + " of service " + id, e);
        }
    }

    /** The account on WHM; its absence is for an operator to look at (see the drift report), not to retry. */
    private WhmAccount existing(HostingService service, WhmClient whm, String action) {
        Optional<WhmAccount> account = service.username() == null ? Optional.empty() : whm.accountSummary(service.username());
        if (account.isEmpty()) {
            String message = "service " + service.id() + " (" + service.domain() + "): cPanel account "
                    + service.username() + " is not on its WHM server, so it cannot " + action
                    + "; see admin → drift, recreate or terminate the service";
            events.failed(service.id(), action, message);
            throw new PermanentJobException(message);
        }
        return account.get();
    }

    private void changeStatus(HostingService service, ServiceStatus to, String reason, String action, String details) {
        boolean changed = database.transaction(tx -> {
            if (!services.changeStatus(tx, service.id(), service.status(), to, reason, clock.instant())) {
                return false;
            }
            events.record(tx, service.id(), action, ServiceEvents.OK, details);
            listener.statusChanged(tx, service, to);
            return true;
        });
        requireChanged(changed, service);
        log.info("service {} ({}) is {}: {}", service.id(), service.domain(), to, details);
    }

    /** The status moved while we talked to WHM: run again, reading the new state. */
    private static void requireChanged(boolean changed, HostingService service) {
        if (!changed) {
            throw new IllegalStateException("service " + service.id() + " changed while WHM was being updated; trying again");
        }
    }
}
