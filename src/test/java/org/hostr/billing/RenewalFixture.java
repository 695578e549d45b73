package org.hostr.billing;

import static org.hostr.db.generated.Tables.AUDIT_LOG;
import static org.hostr.db.generated.Tables.CUSTOMERS;
import static org.hostr.db.generated.Tables.INVOICES;
import static org.hostr.db.generated.Tables.JOBS;
import static org.hostr.db.generated.Tables.PLANS;
import static org.hostr.db.generated.Tables.SERVICES;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hostr.audit.AuditLog;
import org.hostr.catalog.CatalogService;
import org.hostr.config.HostrConfig;
import org.hostr.db.Database;
import org.hostr.db.generated.tables.records.InvoicesRecord;
import org.hostr.db.generated.tables.records.ServicesRecord;
import org.hostr.jobs.JobHandler;
import org.hostr.jobs.JobQueue;
import org.hostr.jobs.JobRepository;
import org.hostr.jobs.JobRunner;
import org.hostr.jobs.JobSettings;
import org.hostr.payments.SettlementListener;
import org.hostr.provisioning.ProvisioningModule;
import org.hostr.provisioning.ServerInput;
import org.hostr.provisioning.whm.WhmTimeouts;
import org.hostr.secrets.SecretBox;
import org.hostr.sim.whm.WhmSimulator;
import org.hostr.testing.TestDatabases;

/**
 * Billing's renewal cycle over a real database, the WHM simulator and provisioning's jobs, with a clock the test
 * moves by hand (as ProvisioningFixture does for provisioning). Plans "basic" ($5) and "standard" ($12) are monthly
 * and match the simulator's packages. Billing: lead 7 days, grace 3, terminate after 14 EXPIRED days, pending 7.
 */
final class RenewalFixture implements AutoCloseable {
    static final HostrConfig.Billing BILLING = new HostrConfig.Billing("USD", 7, 3, 14, false, 7, 60);

    final Database db;
    final BillingFixture.TestClock clock = new BillingFixture.TestClock(Instant.parse("2026-01-31T10:00:00Z"));
    final WhmSimulator whm = new WhmSimulator().start(0);
    final AuditLog audit;
    final JobQueue queue;
    final ProvisioningModule provisioning;
    final InvoiceService invoiceService;
    final CatalogService catalog;
    final CreditService credits;
    final PromoCodeService promos;
    final OrderService orders;
    final RenewalSweep sweep;
    final SettlementListener onPaid;
    final BillingAdminService admin;
    final CustomerBillingService customers;
    final JobRunner runner;
    final long basicPlan;
    final long standardPlan;

    RenewalFixture(TestDatabases.Kind kind) {
        this(kind, BILLING);
    }

    RenewalFixture(TestDatabases.Kind kind, HostrConfig.Billing billing) {
        db = TestDatabases.open(kind);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SecretBox secrets = new SecretBox(key);
        audit = new AuditLog(db.dsl());
        queue = new JobQueue(new JobRepository(db.dsl()), clock);
        basicPlan = plan("basic", 500);
        standardPlan = plan("standard", 1200);
        catalog = new CatalogService(db, clock);
        provisioning = ProvisioningModule.create(db, queue, secrets, audit, clock,
                id -> db.dsl().select(PLANS.WHM_PACKAGE).from(PLANS).where(PLANS.ID.eq(id)).fetchOptional(PLANS.WHM_PACKAGE),
                new WhmTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5)), Duration.ofHours(1));
        provisioning.servers().add(new ServerInput("whm1", whm.baseUrl(), WhmSimulator.DEFAULT_USER,
                WhmSimulator.DEFAULT_TOKEN, null, 100L, true, null), "npub1admin");
        invoiceService = new InvoiceService(db);
        credits = new CreditService(audit, clock);
        promos = new PromoCodeService(db, clock);
        RenewalSettlement renewals = new RenewalSettlement(provisioning.service(), audit, billing);
        PromoUseOnSettlement promoUses = new PromoUseOnSettlement(promos);
        // What Application wires: provisioning for NEW, the renewal feature for RENEWAL/UPGRADE, promo uses.
        onPaid = (tx, paid) -> {
            promoUses.invoicePaid(tx, paid);
            if ("NEW".equals(paid.kind())) {
                provisioning.service().requestProvisioning(tx, paid.serviceId());
            }
            renewals.invoicePaid(tx, paid);
        };
        sweep = new RenewalSweep(db, queue, provisioning.service(), audit, credits, onPaid, billing, clock);
        orders = new OrderService(db, catalog, audit, clock, promos, credits, onPaid);
        admin = new BillingAdminService(db, provisioning.service(), invoiceService, credits, audit, sweep, onPaid, clock);
        customers = new CustomerBillingService(db, catalog, provisioning.service(), credits, onPaid, audit, clock);
        Map<String, JobHandler> handlers = new HashMap<>(provisioning.jobHandlers());
        handlers.put(RenewalSweep.KIND, sweep);
        handlers.put(NoticeHandler.KIND, new NoticeHandler(db, audit, clock));
        runner = new JobRunner(queue, handlers, JobSettings.DEFAULT);
    }

    private long plan(String pkg, long price) {
        Instant now = clock.instant();
        return db.dsl().insertInto(PLANS)
                .set(PLANS.SLUG, pkg).set(PLANS.NAME, pkg).set(PLANS.STORAGE_MB, 1000L).set(PLANS.BANDWIDTH_MB, 10_000L)
                .set(PLANS.WHM_PACKAGE, pkg).set(PLANS.PRICE_MINOR, price).set(PLANS.CURRENCY, "USD")
                .set(PLANS.PERIOD, "P1M").set(PLANS.CREATED_AT, now).set(PLANS.UPDATED_AT, now)
                .returning(PLANS.ID).fetchSingle(PLANS.ID);
    }

    long newCustomer() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return db.dsl().insertInto(CUSTOMERS).set(CUSTOMERS.PUBKEY, HexFormat.of().formatHex(key))
                .set(CUSTOMERS.CREATED_AT, clock.instant()).returning(CUSTOMERS.ID).fetchSingle(CUSTOMERS.ID);
    }

    /** A new order (PENDING service + NEW invoice), as OrderService leaves it. @return the service id */
    long order(String domain) {
        long customer = newCustomer();
        Instant now = clock.instant();
        return db.transaction(tx -> {
            long serviceId = new ServiceRecords().insertPending(tx, customer, basicPlan, domain, now);
            new InvoiceRepository().insertNew(tx, InvoiceNumbers.next(tx, now), customer, serviceId, basicPlan,
                    InvoiceAmounts.of(500, 0, 0), null, "USD", now);
            return serviceId;
        });
    }

    /** An order paid now and provisioned: an ACTIVE service due one month from now. */
    long activeService(String domain) {
        long serviceId = order(domain);
        pay(unpaidInvoice(serviceId).orElseThrow().getNumber());
        runJobs();
        return serviceId;
    }

    /** What Strike settlement does for a paid invoice: mark it PAID and tell the listeners, in one transaction. */
    void pay(String number) {
        long id = db.dsl().select(INVOICES.ID).from(INVOICES).where(INVOICES.NUMBER.eq(number)).fetchSingle(INVOICES.ID);
        db.transactionRun(tx -> invoiceService.markPaid(tx, id, clock.instant()).ifPresent(paid -> onPaid.invoicePaid(tx, paid)));
    }

    /** One sweep at the current time, then every job it queued (and those they queue). */
    SweepReport sweepAndRunJobs() {
        SweepReport report = sweep.run();
        runJobs();
        return report;
    }

    int runJobs() {
        int total = 0;
        for (int ran = runner.runDueNow(10); ran > 0; ran = runner.runDueNow(10)) {
            total += ran;
        }
        return total;
    }

    /** Moves the clock in steps of {@code step}, sweeping after each, until it reads {@code until}. */
    void liveUntil(Instant until, Duration step) {
        while (clock.instant().isBefore(until)) {
            Duration left = Duration.between(clock.instant(), until);
            clock.advance(left.compareTo(step) < 0 ? left : step);
            sweepAndRunJobs();
        }
    }

    /**
     * {@code count} ACTIVE services (a customer each) due at {@code nextDueAt}, inserted with one statement per table
     * as a bulk import would: no orders, no WHM accounts. @return their ids, ascending
     */
    List<Long> activeServicesInBulk(int count, Instant nextDueAt) {
        Instant now = clock.instant();
        var customers = db.dsl().insertInto(CUSTOMERS, CUSTOMERS.PUBKEY, CUSTOMERS.CREATED_AT);
        for (int i = 0; i < count; i++) {
            customers = customers.values(String.format("%064x", 1_000_000 + i), now);
        }
        customers.execute();
        List<Long> customerIds = db.dsl().select(CUSTOMERS.ID).from(CUSTOMERS).orderBy(CUSTOMERS.ID.desc()).limit(count)
                .fetch(CUSTOMERS.ID);
        var services = db.dsl().insertInto(SERVICES, SERVICES.CUSTOMER_ID, SERVICES.PLAN_ID, SERVICES.DOMAIN,
                SERVICES.STATUS, SERVICES.NEXT_DUE_AT, SERVICES.PERIOD_START, SERVICES.CREATED_AT, SERVICES.UPDATED_AT);
        for (int i = 0; i < count; i++) {
            services = services.values(customerIds.get(i), basicPlan, "bulk" + i + ".example", "ACTIVE", nextDueAt,
                    nextDueAt.minus(Duration.ofDays(28)), now, now);
        }
        services.execute();
        return db.dsl().select(SERVICES.ID).from(SERVICES).where(SERVICES.DOMAIN.like("bulk%")).orderBy(SERVICES.ID)
                .fetch(SERVICES.ID);
    }

    void giveCredit(long customerId, long minor) {
        db.dsl().update(CUSTOMERS).set(CUSTOMERS.CREDIT_MINOR, minor).where(CUSTOMERS.ID.eq(customerId)).execute();
    }

    long credit(long customerId) {
        return db.dsl().select(CUSTOMERS.CREDIT_MINOR).from(CUSTOMERS).where(CUSTOMERS.ID.eq(customerId))
                .fetchSingle(CUSTOMERS.CREDIT_MINOR);
    }

    List<InvoicesRecord> renewals(long serviceId) {
        return invoices(serviceId).stream().filter(i -> "RENEWAL".equals(i.getKind())).toList();
    }

    ServicesRecord service(long id) {
        return db.dsl().selectFrom(SERVICES).where(SERVICES.ID.eq(id)).fetchSingle();
    }

    Optional<InvoicesRecord> unpaidInvoice(long serviceId) {
        return db.dsl().selectFrom(INVOICES).where(INVOICES.SERVICE_ID.eq(serviceId), INVOICES.STATUS.eq("UNPAID"))
                .orderBy(INVOICES.ID).limit(1).fetchOptional();
    }

    List<InvoicesRecord> invoices(long serviceId) {
        return db.dsl().selectFrom(INVOICES).where(INVOICES.SERVICE_ID.eq(serviceId)).orderBy(INVOICES.ID).fetch();
    }

    List<String> jobKeys(String kind) {
        return db.dsl().select(JOBS.IDEMPOTENCY_KEY).from(JOBS).where(JOBS.KIND.eq(kind)).orderBy(JOBS.ID).fetch(JOBS.IDEMPOTENCY_KEY);
    }

    int audits(String action) {
        return db.dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq(action));
    }

    @Override
    public void close() {
        provisioning.close();
        whm.close();
        db.close();
    }
}
