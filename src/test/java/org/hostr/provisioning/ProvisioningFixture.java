package org.hostr.provisioning;

import static org.hostr.db.generated.Tables.CUSTOMERS;
import static org.hostr.db.generated.Tables.PLANS;
import static org.hostr.db.generated.Tables.SERVICES;
import static org.hostr.db.generated.Tables.SERVICE_EVENTS;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.hostr.audit.AuditLog;
import org.hostr.db.Database;
import org.hostr.db.generated.tables.records.ServicesRecord;
import org.hostr.jobs.Job;
import org.hostr.jobs.JobQueue;
import org.hostr.jobs.JobRepository;
import org.hostr.jobs.JobRunner;
import org.hostr.jobs.JobSettings;
import org.hostr.jobs.RetryPolicy;
import org.hostr.provisioning.whm.WhmTimeouts;
import org.hostr.secrets.SecretBox;
import org.hostr.sim.whm.WhmSimulator;
import org.hostr.testing.TestDatabases;

/**
 * A migrated database with plans "basic" and "standard" (the simulator's packages), a running WHM simulator, the
 * provisioning module over them, and a job runner that tests drive by hand with a movable clock.
 */
final class ProvisioningFixture implements AutoCloseable {
    /** No jitter and short steps, so a test knows when a retry is due. */
    static final RetryPolicy QUICK_RETRY = new RetryPolicy(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 0.0);
    static final WhmTimeouts QUICK = new WhmTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5));

    final Database db;
    final TestClock clock = new TestClock();
    final WhmSimulator whm = new WhmSimulator().start(0);
    final SecretBox secrets;
    final AuditLog audit;
    final JobQueue queue;
    final ProvisioningModule module;
    final JobRunner runner;
    final long basicPlan;
    final long standardPlan;

    ProvisioningFixture(TestDatabases.Kind kind) {
        this(kind, QUICK);
    }

    ProvisioningFixture(TestDatabases.Kind kind, WhmTimeouts timeouts) {
        db = TestDatabases.open(kind);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        secrets = new SecretBox(key);
        audit = new AuditLog(db.dsl());
        queue = new JobQueue(new JobRepository(db.dsl()), clock);
        basicPlan = plan("basic");
        standardPlan = plan("standard");
        module = ProvisioningModule.create(db, queue, secrets, audit, clock, this::whmPackage, timeouts,
                Duration.ofHours(1));
        runner = new JobRunner(queue, module.jobHandlers(), JobSettings.DEFAULT.withRetry(QUICK_RETRY));
    }

    private long plan(String pkg) {
        Instant now = clock.instant();
        return db.dsl().insertInto(PLANS)
                .set(PLANS.SLUG, pkg).set(PLANS.NAME, pkg).set(PLANS.STORAGE_MB, 1000L).set(PLANS.BANDWIDTH_MB, 10_000L)
                .set(PLANS.WHM_PACKAGE, pkg).set(PLANS.PRICE_MINOR, 500L).set(PLANS.CURRENCY, "USD")
                .set(PLANS.PERIOD, "P1M").set(PLANS.CREATED_AT, now).set(PLANS.UPDATED_AT, now)
                .returning(PLANS.ID).fetchSingle(PLANS.ID);
    }

    /** What the catalog answers in production. */
    Optional<String> whmPackage(long planId) {
        return db.dsl().select(PLANS.WHM_PACKAGE).from(PLANS).where(PLANS.ID.eq(planId)).fetchOptional(PLANS.WHM_PACKAGE);
    }

    ProvisioningService service() {
        return module.service();
    }

    Server addServer() {
        return addServer("whm1", WhmSimulator.DEFAULT_TOKEN);
    }

    Server addServer(String name, String token) {
        return module.servers().add(new ServerInput(name, whm.baseUrl(), WhmSimulator.DEFAULT_USER, token, null, 100L,
                true, null), "npub1admin");
    }

    long newCustomer() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return db.dsl().insertInto(CUSTOMERS)
                .set(CUSTOMERS.PUBKEY, HexFormat.of().formatHex(key))
                .set(CUSTOMERS.CREATED_AT, clock.instant())
                .returning(CUSTOMERS.ID).fetchSingle(CUSTOMERS.ID);
    }

    /** A paid service waiting for its account, as billing leaves it. */
    long newService(long customerId, String domain) {
        Instant now = clock.instant();
        return db.dsl().insertInto(SERVICES)
                .set(SERVICES.CUSTOMER_ID, customerId).set(SERVICES.PLAN_ID, basicPlan).set(SERVICES.DOMAIN, domain)
                .set(SERVICES.STATUS, "PROVISIONING").set(SERVICES.CREATED_AT, now).set(SERVICES.UPDATED_AT, now)
                .returning(SERVICES.ID).fetchSingle(SERVICES.ID);
    }

    long newService(String domain) {
        return newService(newCustomer(), domain);
    }

    long requestProvisioning(long serviceId) {
        return db.transaction(tx -> service().requestProvisioning(tx, serviceId));
    }

    /** Runs due jobs until none is left due now. */
    int runJobs() {
        int total = 0;
        for (int ran = runner.runDueNow(10); ran > 0; ran = runner.runDueNow(10)) {
            total += ran;
        }
        return total;
    }

    ServicesRecord row(long serviceId) {
        return db.dsl().selectFrom(SERVICES).where(SERVICES.ID.eq(serviceId)).fetchSingle();
    }

    /** "action:outcome" in order. */
    List<String> events(long serviceId) {
        return db.dsl().select(SERVICE_EVENTS.ACTION, SERVICE_EVENTS.OUTCOME).from(SERVICE_EVENTS)
                .where(SERVICE_EVENTS.SERVICE_ID.eq(serviceId)).orderBy(SERVICE_EVENTS.ID)
                .fetch(r -> r.value1() + ":" + r.value2());
    }

    Job job(long id) {
        return queue.get(id);
    }

    @Override
    public void close() {
        module.close();
        whm.close();
        db.close();
    }

    /** Real time plus an offset tests move forward, so job leases and retry times can be passed at will. */
    static final class TestClock extends Clock {
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        void advance(Duration by) {
            offset.updateAndGet(current -> current.plus(by));
        }

        @Override
        public Instant instant() {
            return Clock.systemUTC().instant().plus(offset.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
