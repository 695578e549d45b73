package org.hostr.provisioning;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.hostr.audit.AuditLog;
import org.hostr.db.Database;
import org.hostr.jobs.Job;
import org.hostr.jobs.JobHandler;
import org.hostr.provisioning.DriftReport.Finding;
import org.hostr.provisioning.DriftReport.Kind;
import org.hostr.provisioning.whm.WhmAccount;
import org.hostr.provisioning.whm.WhmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic "drift-check": compares every active server's accounts with our services on it and reports where they
 * disagree. It changes nothing on WHM or in services: each case needs a person (a missing account may be a restore
 * in progress, an unknown one a customer moved by hand). The latest report is kept in memory; each finding is also
 * written once to the audit log as "drift.found", so instances that did not run the check can still read it there.
 */
public final class DriftCheck implements JobHandler {
    private static final Logger log = LoggerFactory.getLogger(DriftCheck.class);

    private final Database database;
    private final ServiceRepository services;
    private final ServerService servers;
    private final PlanPackages plans;
    private final AuditLog audit;
    private final ProvisioningListener listener;
    private final Clock clock;
    private final AtomicReference<DriftReport> latest = new AtomicReference<>(DriftReport.NONE);

    public DriftCheck(Database database, ServerService servers, PlanPackages plans, AuditLog audit,
                      ProvisioningListener listener, Clock clock) {
        this.database = database;
        this.services = new ServiceRepository(database.dsl());
        this.servers = servers;
        this.plans = plans;
        this.audit = audit;
        this.listener = listener;
        this.clock = clock;
    }

    @Override
    public void handle(Job job) {
        run();
    }

    /** Runs the check now and returns its report. */
    public DriftReport run() {
        List<Finding> findings = new ArrayList<>();
        for (Server server : servers.list()) {
            if (server.active()) {
                findings.addAll(check(server));
            }
        }
        DriftReport report = new DriftReport(clock.instant(), findings);
        DriftReport previous = latest.getAndSet(report);
        recordNew(previous, report);
        log.info("drift check: {} finding(s) on {} server(s)", findings.size(), servers.list().size());
        return report;
    }

    public DriftReport latestReport() {
        return latest.get();
    }

    private List<Finding> check(Server server) {
        List<WhmAccount> accounts;
        try {
            accounts = servers.client(server.id()).listAccounts();
        } catch (WhmException | IllegalStateException e) {
            return List.of(new Finding(Kind.SERVER_UNREACHABLE, server.id(), server.name(), null, null, null,
                    e.getMessage()));
        }
        Map<String, WhmAccount> byUser = new HashMap<>();
        accounts.forEach(a -> byUser.put(a.user().toLowerCase(Locale.ROOT), a));
        Map<Long, String> packages = new HashMap<>();
        Set<String> ours = new HashSet<>();
        List<Finding> findings = new ArrayList<>();
        for (HostingService service : services.onServer(server.id())) {
            if (service.username() == null || !service.status().live()) {
                continue;
            }
            String user = service.username().toLowerCase(Locale.ROOT);
            ours.add(user);
            if (!ServiceStatus.HAS_ACCOUNT.contains(service.status())) {
                continue; // PROVISIONING: the account may be on its way
            }
            WhmAccount account = byUser.get(user);
            if (account == null) {
                findings.add(finding(Kind.MISSING_ACCOUNT, server, service, "service is " + service.status()
                        + " but WHM has no account " + service.username()));
                continue;
            }
            if (service.status() == ServiceStatus.ACTIVE && account.suspended()) {
                findings.add(finding(Kind.UNEXPECTEDLY_SUSPENDED, server, service, "service is ACTIVE but WHM has it "
                        + "suspended" + (account.suspendReason() == null ? "" : ": " + account.suspendReason())));
            } else if (service.status().suspended() && !account.suspended()) {
                findings.add(finding(Kind.UNEXPECTEDLY_ACTIVE, server, service, "service is " + service.status()
                        + " but WHM has it running"));
            }
            String pkg = packages.computeIfAbsent(service.planId(), id -> plans.whmPackage(id).orElse(null));
            if (pkg != null && !pkg.equals(account.plan())) {
                findings.add(finding(Kind.WRONG_PACKAGE, server, service, "WHM package is " + account.plan()
                        + ", the plan's is " + pkg));
            }
        }
        for (WhmAccount account : accounts) {
            if (!ours.contains(account.user().toLowerCase(Locale.ROOT))) {
                findings.add(new Finding(Kind.UNKNOWN_ACCOUNT, server.id(), server.name(), null, account.user(),
                        account.domain(), "WHM account " + account.user() + " (" + account.domain()
                        + ") belongs to no live service of ours"));
            }
        }
        return findings;
    }

    private static Finding finding(Kind kind, Server server, HostingService service, String details) {
        return new Finding(kind, server.id(), server.name(), service.id(), service.username(), service.domain(), details);
    }

    /** Each disagreement once per appearance: a finding seen in the previous run of this instance is not written again. */
    private void recordNew(DriftReport previous, DriftReport report) {
        Set<String> seen = new HashSet<>();
        previous.findings().forEach(f -> seen.add(f.identity()));
        List<Finding> fresh = report.findings().stream().filter(f -> !seen.contains(f.identity())).toList();
        if (fresh.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        database.transactionRun(tx -> {
            fresh.forEach(f -> audit.record(tx, AuditLog.SYSTEM, "drift.found",
                    f.serviceId() != null ? "service:" + f.serviceId() : "server:" + f.serverId(),
                    f.kind() + " on " + f.server() + ": " + f.details(), now));
            listener.driftFound(tx, fresh);
        });
    }
}
