// The job queue's own cost, on SQLite or PostgreSQL:
//  1. no-op jobs per second with one runner and with two runners on separate pools over one database (two instances),
//     against the floor of what a job must cost there: one single-row INSERT and one UPDATE, autocommit, as many
//     threads as the runner has;
//  2. provisioning through the queue and the real Provisioner with the WHM simulator answering createacct after 200 ms,
//     against the same Provisioner called directly with the jobs claimed beforehand (the queue overhead), and against
//     bare createacct calls made with the WhmClient (the floor), all at the same concurrency.
// Every job must have run exactly once (DONE rows and handler calls are counted), or the bench fails.
// SQLite on a fresh file per measurement; PostgreSQL in the schema the URL names, its jobs emptied before each.
// Usage (through bench/jobs.sh):
//   java -cp target/hostr.jar bench/JobsBench.java <sqlite|jdbc:postgresql://…?currentSchema=…> <jobs> <services>
import static org.hostr.db.generated.Tables.CUSTOMERS;
import static org.hostr.db.generated.Tables.JOBS;
import static org.hostr.db.generated.Tables.PLANS;
import static org.hostr.db.generated.Tables.SERVICES;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.hostr.audit.AuditLog;
import org.hostr.config.HostrConfig;
import org.hostr.db.Database;
import org.hostr.jobs.JobHandler;
import org.hostr.jobs.JobQueue;
import org.hostr.jobs.JobRepository;
import org.hostr.jobs.JobRunner;
import org.hostr.jobs.JobSettings;
import org.hostr.jobs.JobStatus;
import org.hostr.jobs.NewJob;
import org.hostr.provisioning.ProvisioningModule;
import org.hostr.provisioning.ServerInput;
import org.hostr.provisioning.whm.CreateAccountRequest;
import org.hostr.provisioning.whm.WhmClient;
import org.hostr.provisioning.whm.WhmEndpoint;
import org.hostr.provisioning.whm.WhmTimeouts;
import org.hostr.secrets.SecretBox;
import org.hostr.sim.whm.WhmSimulator;

public class JobsBench {
    /** Application.JOB_THREADS and database.pool_size's default: what `serve` runs with. */
    static final int THREADS = 16;
    static final int POOL = 8;
    static final JobSettings APP_SETTINGS = JobSettings.DEFAULT.withThreads(THREADS);
    static final Duration CREATE_DELAY = Duration.ofMillis(200);
    static final double JOBS_GOAL_PG = 500;
    static final double OVERHEAD_GOAL = 0.10;
    static final List<Path> SQLITE_DIRS = new java.util.concurrent.CopyOnWriteArrayList<>();

    public static void main(String[] args) throws Exception {
        String target = args[0];
        int jobs = Integer.parseInt(args[1]);
        int services = Integer.parseInt(args[2]);
        try {
            // The runner lives in a long-lived JVM: measure it warm, after a small round of everything on SQLite.
            noOpJobs("sqlite", 500, false);
            provisioning("sqlite", 20, false);
            noOpJobs(target, jobs, true);
            System.out.println();
            provisioning(target, services, true);
        } finally {
            for (Path dir : SQLITE_DIRS) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    // ---- 1. no-op jobs ----

    static void noOpJobs(String target, int jobs, boolean report) throws Exception {
        boolean sqlite = target.equals("sqlite");
        double floor = floor(fresh(target), jobs);
        NoOpRun one = noOpRun(fresh(target), jobs, 1);
        NoOpRun two = noOpRun(fresh(target), jobs, 2);
        if (!report) {
            return;
        }
        System.out.printf("database: %s; %,d no-op jobs; %d handler threads and %d connections per instance%n",
                sqlite ? "SQLite (a fresh file each)" : "PostgreSQL", jobs, THREADS, POOL);
        System.out.printf("floor (%,d single-row INSERT + UPDATE pairs, autocommit, %d threads%s): %.2f s = %,.0f pairs/s%n",
                jobs, THREADS, sqlite ? ", writes one at a time as Hostr's are" : "", floor, jobs / floor);
        for (NoOpRun run : List.of(one, two)) {
            double rate = jobs / run.seconds();
            String goal = sqlite ? ""
                    : String.format(" (goal ≥ %.0f/s: %s)", JOBS_GOAL_PG, rate >= JOBS_GOAL_PG ? "met" : "NOT MET");
            System.out.printf("%s: %.2f s = %,.0f jobs/s = %.2f× the floor's pairs/s%s; jobs per instance %s%n",
                    run.instances() == 1 ? "one instance " : "two instances", run.seconds(), rate, rate / (jobs / floor),
                    goal, run.perInstance());
        }
        System.out.printf("every job ran exactly once: %,d DONE rows, %,d handler calls, none twice, none retried%n",
                jobs, jobs);
        System.out.printf("load average %.1f on %d cores%n", ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
    }

    record NoOpRun(int instances, double seconds, List<Integer> perInstance) {
    }

    /** Queues the jobs in one batch, then starts the runners: from their first claim to the last DONE. */
    static NoOpRun noOpRun(HostrConfig.Database config, int jobs, int instances) throws Exception {
        Map<Long, AtomicInteger> calls = new ConcurrentHashMap<>();
        List<AtomicInteger> perInstance = new ArrayList<>();
        CountDownLatch allCalled = new CountDownLatch(jobs);
        List<Database> dbs = new ArrayList<>();
        List<JobRunner> runners = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                Database db = Database.open(config, null);
                db.migrate();
                dbs.add(db);
                AtomicInteger mine = new AtomicInteger();
                perInstance.add(mine);
                JobHandler noOp = job -> {
                    mine.incrementAndGet();
                    calls.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet();
                    allCalled.countDown();
                };
                runners.add(new JobRunner(new JobQueue(new JobRepository(db.dsl()), Clock.systemUTC()),
                        Map.of("noop", noOp), APP_SETTINGS));
            }
            Database first = dbs.get(0);
            JobQueue queue = new JobQueue(new JobRepository(first.dsl()), Clock.systemUTC());
            List<NewJob> batch = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                batch.add(NewJob.of("noop", "noop:" + i, Map.of("n", i)));
            }
            check(first.transaction(tx -> queue.enqueueAll(tx, batch)) == jobs, "queued fewer jobs than asked");

            Instant start = Instant.now();
            runners.forEach(JobRunner::start);
            check(allCalled.await(300, TimeUnit.SECONDS), "handlers called " + calls.size() + " times in 300 s");
            awaitDone(first, jobs);
            Instant lastDone = lastDone(first);
            runners.forEach(runner -> runner.stop(Duration.ofSeconds(10)));

            check(calls.size() == jobs && calls.values().stream().allMatch(n -> n.get() == 1),
                    "some jobs ran twice or not at all: " + calls.size() + " distinct jobs ran");
            check(first.dsl().fetchCount(JOBS) == jobs, "rows in jobs");
            check(first.dsl().fetchCount(JOBS, JOBS.STATUS.eq(JobStatus.DONE.name()), JOBS.ATTEMPTS.eq(1L)) == jobs,
                    "DONE at the first attempt");
            return new NoOpRun(instances, Duration.between(start, lastDone).toNanos() / 1e9,
                    perInstance.stream().map(AtomicInteger::get).toList());
        } finally {
            runners.forEach(runner -> runner.stop(Duration.ofSeconds(1)));
            dbs.forEach(Database::close);
        }
    }

    /**
     * What a job minimally costs the database: its row written once and changed once, each its own commit, from as
     * many threads as the runner has. On SQLite the writes go one at a time through a lock in this process, as Hostr's
     * do (SQLite's own busy waiting sleeps in steps of milliseconds).
     */
    static double floor(HostrConfig.Database config, int pairs) throws Exception {
        try (Database db = Database.open(config, null)) {
            db.migrate();
            ReentrantLock writer = db.engine() == Database.Engine.SQLITE ? new ReentrantLock(true) : null;
            AtomicInteger next = new AtomicInteger();
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < pairs; i = next.getAndIncrement()) {
                        long now = System.currentTimeMillis();
                        try (Connection c = db.dataSource().getConnection();
                             PreparedStatement insert = c.prepareStatement("INSERT INTO jobs (kind, payload, idempotency_key,"
                                     + " status, attempts, max_attempts, run_at, created_at, updated_at)"
                                     + " VALUES ('noop', ?, ?, 'QUEUED', 0, 10, ?, ?, ?)");
                             PreparedStatement update = c.prepareStatement("UPDATE jobs SET status = 'DONE', attempts = 1,"
                                     + " finished_at = ?, updated_at = ? WHERE idempotency_key = ?")) {
                            insert.setString(1, "{\"n\":" + i + "}");
                            insert.setString(2, "floor:" + i);
                            insert.setLong(3, now);
                            insert.setLong(4, now);
                            insert.setLong(5, now);
                            locked(writer, insert::executeUpdate);
                            update.setLong(1, now);
                            update.setLong(2, now);
                            update.setString(3, "floor:" + i);
                            locked(writer, update::executeUpdate);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            threads.shutdown();
            check(db.dsl().fetchCount(JOBS, JOBS.STATUS.eq(JobStatus.DONE.name())) == pairs, "floor rows DONE");
            return seconds;
        }
    }

    interface SqlWork {
        int run() throws java.sql.SQLException;
    }

    static void locked(ReentrantLock lock, SqlWork work) throws java.sql.SQLException {
        if (lock == null) {
            work.run();
            return;
        }
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }

    // ---- 2. provisioning ----

    static void provisioning(String target, int services, boolean report) throws Exception {
        try (WhmSimulator whm = new WhmSimulator().start(0)) {
            whm.faults().slowCreate(CREATE_DELAY);
            Timed direct = directCreates(whm, services);
            whm.reset();
            whm.faults().slowCreate(CREATE_DELAY);
            Timed queued = queuedProvisioning(fresh(target), whm, services, true);
            whm.reset();
            whm.faults().slowCreate(CREATE_DELAY);
            Timed unqueued = queuedProvisioning(fresh(target), whm, services, false);
            if (!report) {
                return;
            }
            // The queue's share: the same Provisioner steps (WHM look-ups, createacct, database writes) with and
            // without claims, leases and completions around them.
            double overhead = (queued.seconds() - unqueued.seconds()) / queued.seconds();
            System.out.printf("provisioning %,d services, WHM simulator answering createacct after %d ms (it serves 8"
                    + " requests at once), %d at a time:%n", services, CREATE_DELAY.toMillis(), THREADS);
            System.out.printf("direct createacct calls with the WhmClient: %.2f s = %.1f accounts/s%n", direct.seconds(),
                    services / direct.seconds());
            System.out.printf("the Provisioner called directly, 16 at a time, no queue: %.2f s = %.1f accounts/s%n",
                    unqueued.seconds(), services / unqueued.seconds());
            System.out.printf("through the job queue and the Provisioner: %.2f s = %.1f accounts/s; queue overhead %.1f%%"
                            + " of provisioning time (goal < %.0f%%: %s)%n", queued.seconds(), services / queued.seconds(),
                    overhead * 100, OVERHEAD_GOAL * 100, overhead < OVERHEAD_GOAL ? "met" : "NOT MET");
            System.out.printf("every service provisioned exactly once: %,d ACTIVE, %,d createacct calls, jobs DONE at the"
                    + " first attempt%n", services, services);
            // The simulator runs in this JVM: when the machine's other work leaves it short of CPU, the queued path,
            // which parses WHM's answers and writes each step to the database, waits for a core more than the
            // direct calls do, which mostly sleep in createacct.
            System.out.printf("this JVM's CPU time (simulator included): direct %.2f s, queued %.2f s;"
                            + " load average %.1f on %d cores (Provisioner without the queue: %.2f s)%n", direct.cpu(), queued.cpu(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors(), unqueued.cpu());
        }
    }

    /** Wall-clock seconds, and CPU seconds this JVM used meanwhile. */
    record Timed(double seconds, double cpu) {
    }

    static Timed directCreates(WhmSimulator whm, int accounts) throws Exception {
        try (WhmClient client = new WhmClient(WhmEndpoint.of(whm.baseUrl(), WhmSimulator.DEFAULT_USER,
                WhmSimulator.DEFAULT_TOKEN), WhmTimeouts.DEFAULT)) {
            AtomicInteger next = new AtomicInteger();
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            double cpu = processCpuSeconds();
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < accounts; i = next.getAndIncrement()) {
                        String name = String.format("d%04dben", i);
                        client.createAccount(new CreateAccountRequest(name, name + "ch.example", "basic", "Bench-pass-42",
                                null));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            Timed timed = new Timed((System.nanoTime() - start) / 1e9, processCpuSeconds() - cpu);
            threads.shutdown();
            check(whm.createAccountCalls() == accounts && whm.accountCount() == accounts, "direct accounts created");
            return timed;
        }
    }

    /** Services PROVISIONING with their jobs queued, as settlement leaves them; then the runner starts. */
    /**
     * Services PROVISIONING with their jobs queued, as settlement leaves them; then either the runner runs them, or
     * (throughQueue false) they are claimed in one go before the clock starts and their handler is called directly
     * from as many threads, which is the same provisioning work without the queue around it.
     */
    static Timed queuedProvisioning(HostrConfig.Database config, WhmSimulator whm, int services, boolean throughQueue)
            throws Exception {
        try (Database db = Database.open(config, null)) {
            db.migrate();
            Clock clock = Clock.systemUTC();
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            AuditLog audit = new AuditLog(db.dsl());
            JobQueue queue = new JobQueue(new JobRepository(db.dsl()), clock);
            ProvisioningModule provisioning = ProvisioningModule.create(db, queue, new SecretBox(key), audit, clock,
                    planId -> Optional.of("basic"), WhmTimeouts.DEFAULT, Duration.ofHours(1));
            try {
                provisioning.servers().add(new ServerInput("whm1", whm.baseUrl(), WhmSimulator.DEFAULT_USER,
                        WhmSimulator.DEFAULT_TOKEN, null, (long) services, true, null), "bench");
                db.transactionRun(tx -> {
                    Instant now = clock.instant();
                    long plan = tx.insertInto(PLANS).set(PLANS.SLUG, "basic").set(PLANS.NAME, "Basic")
                            .set(PLANS.STORAGE_MB, 1000L).set(PLANS.BANDWIDTH_MB, 10_000L).set(PLANS.WHM_PACKAGE, "basic")
                            .set(PLANS.PRICE_MINOR, 500L).set(PLANS.CURRENCY, "USD").set(PLANS.PERIOD, "P1M")
                            .set(PLANS.CREATED_AT, now).set(PLANS.UPDATED_AT, now).returning(PLANS.ID).fetchSingle(PLANS.ID);
                    for (int i = 0; i < services; i++) {
                        long customer = tx.insertInto(CUSTOMERS).set(CUSTOMERS.PUBKEY, HexFormat.of().formatHex(random32()))
                                .set(CUSTOMERS.CREATED_AT, now).returning(CUSTOMERS.ID).fetchSingle(CUSTOMERS.ID);
                        // "q0001bench.example" gives the cPanel username q0001ben: no two services start on the same name.
                        long service = tx.insertInto(SERVICES).set(SERVICES.CUSTOMER_ID, customer)
                                .set(SERVICES.PLAN_ID, plan).set(SERVICES.DOMAIN, String.format("q%04dbench.example", i))
                                .set(SERVICES.STATUS, "PROVISIONING")
                                .set(SERVICES.CREATED_AT, now).set(SERVICES.UPDATED_AT, now)
                                .returning(SERVICES.ID).fetchSingle(SERVICES.ID);
                        provisioning.service().requestProvisioning(tx, service);
                    }
                });

                if (!throughQueue) {
                    return directHandlers(db, queue, provisioning.jobHandlers(), services);
                }
                double cpu = processCpuSeconds();
                Instant start = Instant.now();
                try (JobRunner runner = new JobRunner(queue, provisioning.jobHandlers(), APP_SETTINGS).start()) {
                    awaitDone(db, services);
                    cpu = processCpuSeconds() - cpu;
                }
                Instant lastDone = lastDone(db);

                check(db.dsl().fetchCount(SERVICES, SERVICES.STATUS.eq("ACTIVE")) == services, "services ACTIVE");
                check(db.dsl().fetchCount(JOBS, JOBS.STATUS.eq(JobStatus.DONE.name()), JOBS.ATTEMPTS.eq(1L)) == services,
                        "provisioning jobs DONE at the first attempt");
                check(whm.createAccountCalls() == services && whm.accountCount() == services,
                        "createacct calls: " + whm.createAccountCalls() + " for " + services + " services");
                return new Timed(Duration.between(start, lastDone).toNanos() / 1e9, cpu);
            } finally {
                provisioning.close();
            }
        }
    }

    static Timed directHandlers(Database db, JobQueue queue, Map<String, JobHandler> handlers, int services)
            throws Exception {
        List<org.hostr.jobs.Job> jobs = new JobRepository(db.dsl()).claim("bench-direct", services, Instant.now(), Duration.ofHours(1));
        check(jobs.size() == services, "claimed " + jobs.size() + " of " + services + " provisioning jobs");
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        double cpu = processCpuSeconds();
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            done.add(threads.submit(() -> {
                for (int i = next.getAndIncrement(); i < jobs.size(); i = next.getAndIncrement()) {
                    org.hostr.jobs.Job job = jobs.get(i);
                    handlers.get(job.kind()).handle(job);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        Timed timed = new Timed((System.nanoTime() - start) / 1e9, processCpuSeconds() - cpu);
        threads.shutdown();
        check(db.dsl().fetchCount(SERVICES, SERVICES.STATUS.eq("ACTIVE")) == services, "services ACTIVE without the queue");
        return timed;
    }

    // ---- shared ----

    /** A new SQLite file, or the PostgreSQL schema emptied of what the bench writes (migrated on first use). */
    static HostrConfig.Database fresh(String target) throws Exception {
        if (target.equals("sqlite")) {
            Path dir = Files.createTempDirectory("hostr-jobs");
            SQLITE_DIRS.add(dir);
            return new HostrConfig.Database("jdbc:sqlite:" + dir.resolve("hostr.db"), "", "", POOL);
        }
        HostrConfig.Database config = new HostrConfig.Database(target, System.getenv().getOrDefault("PGUSER", "postgres"),
                "", POOL);
        try (Database db = Database.open(config, null)) {
            db.migrate();
            // Each round starts from an empty shop, as a fresh SQLite file does
            db.dsl().execute("TRUNCATE jobs, service_events, services, customers, plans, servers, audit_log RESTART IDENTITY CASCADE");
            // What autovacuum does on a live database: statistics for the planner, no dead rows from the last round.
            db.dsl().execute("VACUUM ANALYZE");
        }
        return config;
    }

    /** Polls for the last DONE: a handler's return comes just before its job's row says so. */
    static void awaitDone(Database db, int jobs) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (db.dsl().fetchCount(JOBS, JOBS.STATUS.eq(JobStatus.DONE.name())) < jobs) {
            check(System.nanoTime() < deadline, "jobs not DONE within 300 s: " + db.dsl().fetchCount(JOBS,
                    JOBS.STATUS.eq(JobStatus.DONE.name())) + " of " + jobs);
            Thread.sleep(20);
        }
    }

    static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    static Instant lastDone(Database db) {
        return db.dsl().select(org.jooq.impl.DSL.max(JOBS.FINISHED_AT)).from(JOBS).fetchSingle().value1();
    }

    static byte[] random32() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("bench check failed: " + what);
        }
    }
}
