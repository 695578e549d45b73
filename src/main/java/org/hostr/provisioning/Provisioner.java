package org.hostr.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hostr.db.Database;
import org.hostr.jobs.Job;
import org.hostr.jobs.JobHandler;
import org.hostr.jobs.PermanentJobException;
import org.hostr.jobs.RetryableJobException;
import org.hostr.provisioning.whm.CreateAccountRequest;
import org.hostr.provisioning.whm.UsernameCheck;
import org.hostr.provisioning.whm.UsernameRules;
import org.hostr.provisioning.whm.WhmAccount;
import org.hostr.provisioning.whm.WhmCallFailedException;
import org.hostr.provisioning.whm.WhmClient;
import org.hostr.provisioning.whm.WhmException;
import org.hostr.provisioning.whm.WhmFailureKind;
import org.hostr.provisioning.whm.WhmTimeoutException;
import org.hostr.secrets.SecretBox;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "provision" job (ARCHITECTURE §5.5): server → username → password → look before creating → createacct →
 * ACTIVE. Safe to run again at any point: everything chosen is stored before WHM is asked to act on it, and an
 * account already on WHM under our username and domain is adopted, never created twice.
 */
public final class Provisioner implements JobHandler {
    private static final Logger log = LoggerFactory.getLogger(Provisioner.class);
    static final int USERNAME_TRIES = 20;
    private static final Duration NO_SERVER_RETRY = Duration.ofMinutes(10);

    private final Database database;
    private final ServiceRepository services;
    private final ServerService servers;
    private final PlanPackages plans;
    private final SecretBox secrets;
    private final AccountPasswords passwords;
    private final ServiceEvents events;
    private final ProvisioningListener listener;
    private final Clock clock;

    public Provisioner(Database database, ServerService servers, PlanPackages plans, SecretBox secrets,
                       ProvisioningListener listener, Clock clock) {
        this.database = database;
        this.services = new ServiceRepository(database.dsl());
        this.servers = servers;
        this.plans = plans;
        this.secrets = secrets;
        this.passwords = new AccountPasswords();
        this.events = new ServiceEvents(database, services, clock);
        this.listener = listener;
        this.clock = clock;
    }

    @Override
    public void handle(Job job) throws Exception {
        long id = job.longField("service_id");
        HostingService service = services.find(id)
                .orElseThrow(() -> new PermanentJobException("service " + id + " does not exist"));
        if (service.status() != ServiceStatus.PROVISIONING) {
            log.info("service {} is {}, not PROVISIONING: nothing to provision", id, service.status());
            return;
        }
        long planId = service.planId();
        String pkg = plans.whmPackage(planId).orElseThrow(() -> new PermanentJobException(
                "service " + id + ": plan " + planId + " does not exist, so there is no WHM package to create with"));
        service = withServer(service);
        String server = servers.get(service.serverId()).name();
        try {
            provision(service, pkg, server, servers.client(service.serverId()));
        } catch (WhmException e) {
            events.failed(id, "create", e.getMessage());
            throw WhmJobErrors.forJob("provisioning service " + id + " on " + server, e);
        }
    }

    private HostingService withServer(HostingService service) throws RetryableJobException {
        if (service.serverId() != null) {
            return service;
        }
        try {
            database.transactionRun(tx -> {
                Server chosen = servers.pickServer(tx);
                if (services.assignServer(tx, service.id(), chosen.id(), clock.instant())) {
                    log.info("service {} ({}) goes to WHM server {}", service.id(), service.domain(), chosen.name());
                }
            });
        } catch (NoServerAvailableException e) {
            events.failed(service.id(), "create", e.getMessage());
            throw new RetryableJobException("service " + service.id() + ": " + e.getMessage(), NO_SERVER_RETRY, e);
        }
        return services.find(service.id()).orElseThrow();
    }

    private void provision(HostingService service, String pkg, String server, WhmClient whm) throws Exception {
        long id = service.id();
        String username = service.username() != null ? service.username()
                : chooseUsername(service, null, UsernameRules.fromDomain(service.domain()), whm);
        String password = password(service);

        Optional<WhmAccount> byUser = whm.findAccountByUser(username);
        if (byUser.isPresent()) {
            if (byUser.get().domain().equalsIgnoreCase(service.domain())) {
                activate(id, ServiceEvents.ADOPTED, "account " + username + " for " + service.domain()
                        + " already exists on " + server + " (an earlier attempt created it): adopted");
                return;
            }
            // The name went to another account between our check and our createacct: take the next one.
            events.failed(id, "create", "username " + username + " on " + server + " now belongs to "
                    + byUser.get().domain() + "; choosing another");
            username = chooseUsername(service, username, UsernameRules.next(username), whm);
        }
        Optional<WhmAccount> byDomain = whm.findAccountByDomain(service.domain());
        if (byDomain.isPresent()) {
            String message = "WHM server " + server + " already hosts " + service.domain() + " under cPanel user "
                    + byDomain.get().user() + ", which Hostr did not create for service " + id
                    + ": remove or move that account on WHM (or cancel the service), then retry this job";
            events.failed(id, "create", message);
            throw new PermanentJobException(message);
        }
        try {
            whm.createAccount(new CreateAccountRequest(username, service.domain(), pkg, password, null));
        } catch (WhmTimeoutException e) {
            // WHM carries on with createacct after the client gives up: never send it again, look it up next time.
            events.failed(id, "create", "createacct for " + username + " timed out on " + server
                    + "; the next attempt looks the account up instead of creating it again");
            throw new RetryableJobException("service " + id + ": createacct timed out on " + server
                    + ", the account may exist; looking it up in " + WhmJobErrors.AFTER_TIMEOUT.toSeconds() + "s",
                    WhmJobErrors.AFTER_TIMEOUT, e);
        } catch (WhmCallFailedException e) {
            throw createRefused(service, username, pkg, server, e);
        }
        activate(id, ServiceEvents.OK, "created " + username + " for " + service.domain() + " on " + server
                + " with package " + pkg);
    }

    private Exception createRefused(HostingService service, String username, String pkg, String server,
                                    WhmCallFailedException e) {
        long id = service.id();
        events.failed(id, "create", e.getMessage());
        if (e.kind() == WhmFailureKind.UNKNOWN_PACKAGE) {
            return new PermanentJobException("service " + id + ": WHM server " + server + " has no package \"" + pkg
                    + "\": create it in WHM » Add a Package or fix the plan's whm_package, then retry this job", e);
        }
        if (e.kind() == WhmFailureKind.DOMAIN_TAKEN) {
            return new PermanentJobException("service " + id + ": WHM server " + server + " already hosts "
                    + service.domain() + " for someone else (" + e.reason() + "): remove it there, then retry this job", e);
        }
        if (e.kind() == WhmFailureKind.RESERVED_USERNAME) {
            try {
                database.transactionRun(tx -> services.setUsername(tx, id, username, null, clock.instant()));
            } catch (DataAccessException ignored) {
                // The next attempt sees whatever is stored and carries on from there.
            }
            return new RetryableJobException("service " + id + ": WHM refused username " + username + " ("
                    + e.reason() + "); the next attempt picks another", e);
        }
        // USERNAME_TAKEN here is usually a half-done create (a group left behind): the next attempt looks it up.
        return WhmJobErrors.forJob("service " + id + ": createacct refused on " + server, e);
    }

    /**
     * The first name from {@code start} on that no service of ours holds on this server and that WHM's
     * verify_new_username accepts, stored before it is used.
     */
    private String chooseUsername(HostingService service, String expected, String start, WhmClient whm)
            throws RetryableJobException {
        long serverId = service.serverId();
        // Names our own services hold are skipped without asking WHM and without counting as tries: twenty shops
        // named "mywebsite1.example" … "mywebsite20.example" must not use up the tries of the twenty-first.
        Set<String> ours = services.usernamesOn(serverId);
        String candidate = start;
        for (int i = 0; i < USERNAME_TRIES; i++) {
            while (ours.contains(candidate)) {
                candidate = UsernameRules.next(candidate);
            }
            if (!services.usernameInUse(serverId, candidate)) {
                UsernameCheck check = whm.verifyNewUsername(candidate);
                if (check.refusal().filter(kind -> kind == WhmFailureKind.PERMISSION_DENIED).isPresent()) {
                    throw new PermanentJobException("service " + service.id() + ": WHM refused verify_new_username ("
                            + check.reason() + "): give the API token that privilege in WHM » Manage API Tokens");
                }
                if (check.ok() && storeUsername(service.id(), expected, candidate)) {
                    log.info("service {} ({}) gets cPanel username {}", service.id(), service.domain(), candidate);
                    return candidate;
                }
                String stored = services.find(service.id()).map(HostingService::username).orElse(null);
                if (!Objects.equals(stored, expected)) {
                    return stored; // another run chose one meanwhile
                }
            }
            candidate = UsernameRules.next(candidate);
        }
        throw new RetryableJobException("service " + service.id() + ": no free cPanel username after " + USERNAME_TRIES
                + " tries from " + start + " (WHM refused them all; check the token's verify_new_username privilege)");
    }

    private boolean storeUsername(long id, String expected, String username) {
        try {
            return database.transaction(tx -> services.setUsername(tx, id, expected, username, clock.instant()));
        } catch (DataAccessException uniqueOnServer) {
            return false;
        }
    }

    /** The stored password, or a new one stored now: before createacct, so an adopted account's password is known. */
    private String password(HostingService service) {
        if (service.passwordEnc() != null) {
            return secrets.decrypt(service.passwordEnc());
        }
        String password = passwords.next();
        database.transactionRun(tx -> services.setPassword(tx, service.id(), secrets.encrypt(password), clock.instant()));
        return password;
    }

    private void activate(long id, String outcome, String details) {
        boolean activated = database.transaction(tx -> {
            HostingService before = services.find(tx, id).orElseThrow();
            if (!services.activate(tx, id, clock.instant())) {
                return false;
            }
            events.record(tx, id, "create", outcome, details);
            listener.statusChanged(tx, before, ServiceStatus.ACTIVE);
            return true;
        });
        if (activated) {
            log.info("service {} is ACTIVE: {}", id, details);
        } else {
            log.info("service {}: account ready on WHM but the service left PROVISIONING meanwhile; left as it is", id);
        }
    }
}
