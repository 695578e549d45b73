// One renewal sweep over N services (one in ten due for a renewal invoice) against a raw SQL floor for the same work
// (one select of the due services + one batched insert of their invoices), measured in the same run on the same
// database. Seeds its own rows with batched inserts; SQLite on a fresh file, PostgreSQL in the schema the URL names.
// Usage (through bench/sweep.sh):
//   java -cp target/hostr.jar bench/SweepBench.java <sqlite|jdbc:postgresql://…?currentSchema=…> <services> <goal-seconds>
import static org.hostr.db.generated.Tables.INVOICES;
import static org.hostr.db.generated.Tables.JOBS;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.hostr.audit.AuditLog;
import org.hostr.billing.CreditService;
import org.hostr.billing.RenewalSettlement;
import org.hostr.billing.RenewalSweep;
import org.hostr.billing.SweepReport;
import org.hostr.catalog.BillingPeriod;
import org.hostr.config.HostrConfig;
import org.hostr.db.Database;
import org.hostr.jobs.JobQueue;
import org.hostr.jobs.JobRepository;
import org.hostr.provisioning.ProvisioningModule;
import org.hostr.provisioning.whm.WhmTimeouts;
import org.hostr.secrets.SecretBox;

public class SweepBench {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final HostrConfig.Billing BILLING = new HostrConfig.Billing("USD", 7, 3, 14, false, 7, 60);
    static final int SEED_BATCH = 5_000;
    static final double RATIO_GOAL = 5.0;

    public static void main(String[] args) throws Exception {
        String target = args[0];
        int services = Integer.parseInt(args[1]);
        double goalSeconds = Double.parseDouble(args[2]);
        // A sweep runs every minute in a long-lived JVM: measure it warm, after one round on a small SQLite file.
        run("sqlite", 30_000, goalSeconds, false);
        run(target, services, goalSeconds, true);
    }

    static void run(String target, int services, double goalSeconds, boolean report) throws Exception {
        boolean sqlite = target.equals("sqlite");
        String url = sqlite ? "jdbc:sqlite:" + Files.createTempDirectory("hostr-sweep").resolve("hostr.db") : target;
        String user = sqlite ? "" : System.getenv().getOrDefault("PGUSER", "postgres");
        try (Database db = Database.open(new HostrConfig.Database(url, user, "", 8), null)) {
            db.migrate();
            long t0 = System.nanoTime();
            int due = seed(db, services, sqlite);
            double seeded = seconds(t0);

            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            double[] floorTimes = floor(db, due, threads);
            double floor = floorTimes[0];
            double floorCpu = floorTimes[1];
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            AuditLog audit = new AuditLog(db.dsl());
            JobQueue jobs = new JobQueue(new JobRepository(db.dsl()), clock);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            ProvisioningModule provisioning = ProvisioningModule.create(db, jobs, new SecretBox(key), audit, clock,
                    planId -> java.util.Optional.of("basic"), WhmTimeouts.DEFAULT, Duration.ofHours(1));
            RenewalSweep sweep = new RenewalSweep(db, jobs, provisioning.service(), audit, new CreditService(audit, clock),
                    new RenewalSettlement(provisioning.service(), audit, BILLING), BILLING, clock);
            long t1 = System.nanoTime();
            long cpu1 = threads.getCurrentThreadCpuTime();
            SweepReport first = sweep.run();
            double swept = seconds(t1);
            double sweptCpu = (threads.getCurrentThreadCpuTime() - cpu1) / 1e9;
            long t2 = System.nanoTime();
            SweepReport again = sweep.run();
            double idle = seconds(t2);
            provisioning.close();

            check(first.errors().isEmpty() && again.errors().isEmpty(), "sweep errors: " + first.errors() + again.errors());
            check(first.count(SweepReport.INVOICES_ISSUED) == due, "issued " + first.count(SweepReport.INVOICES_ISSUED));
            check(first.count(SweepReport.REMINDERS_QUEUED) == due, "reminders " + first.count(SweepReport.REMINDERS_QUEUED));
            check(again.count(SweepReport.INVOICES_ISSUED) == 0, "a second sweep issued more invoices");
            check(db.dsl().fetchCount(INVOICES, INVOICES.KIND.eq("RENEWAL")) == due, "renewal invoices in the table");
            check(db.dsl().fetchCount(JOBS) == due, "reminder jobs in the table");
            if (!report) {
                return;
            }
            double ratio = swept / floor;
            System.out.printf("database: %s; services: %,d, due for renewal: %,d (seeded in %.1f s)%n",
                    sqlite ? "SQLite (fresh file)" : "PostgreSQL", services, due, seeded);
            System.out.printf("raw SQL floor (1 select + batched insert of %,d invoices): %.2f s%n", due, floor);
            System.out.printf("sweep (%,d invoices + %,d reminder jobs + audit lines): %.2f s = %.1f× the floor"
                            + " (goals: < %.0f s %s, ≤ %.0f× %s)%n", due, due, swept, ratio,
                    goalSeconds, swept < goalSeconds ? "met" : "NOT MET", RATIO_GOAL, ratio <= RATIO_GOAL ? "met" : "NOT MET");
            System.out.printf("second sweep right after (nothing left to issue): %.2f s%n", idle);
            // On a shared machine the wall clock includes waiting for a CPU; this JVM's own CPU time does not (and on
            // PostgreSQL leaves out the server's work).
            System.out.printf("this JVM's CPU time: floor %.2f s, sweep %.2f s; load average %.1f on %d cores%n", floorCpu,
                    sweptCpu, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    /**
     * Customers (two services each), one monthly plan, services of which every tenth is due within the week, and each
     * service's paid first invoice, as a shop of that size has. Batched inserts on one connection.
     */
    static int seed(Database db, int services, boolean sqlite) throws Exception {
        long now = NOW.toEpochMilli();
        int customers = (services + 1) / 2;
        int due = 0;
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO plans (slug, name, storage_mb, bandwidth_mb, whm_package, price_minor, currency,"
                        + " period, created_at, updated_at) VALUES ('basic', 'Basic', 1000, 10000, 'basic', 500, 'USD', 'P1M', "
                        + now + ", " + now + ")");
            }
            byte[] key = new byte[32];
            SecureRandom random = new SecureRandom();
            try (PreparedStatement p = c.prepareStatement("INSERT INTO customers (pubkey, created_at) VALUES (?, ?)")) {
                for (int i = 1; i <= customers; i++) {
                    random.nextBytes(key);
                    p.setString(1, java.util.HexFormat.of().formatHex(key));
                    p.setLong(2, now);
                    p.addBatch();
                    flushEvery(p, i);
                }
                p.executeBatch();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO services (customer_id, plan_id, domain, status,"
                    + " next_due_at, period_start, created_at, updated_at) VALUES (?, 1, ?, 'ACTIVE', ?, ?, ?, ?)")) {
                for (int i = 1; i <= services; i++) {
                    // Due dates spread by the minute: inside the 7-day lead for every tenth, 8 to 29 days out for the rest.
                    boolean soon = i % 10 == 0;
                    due += soon ? 1 : 0;
                    long minutes = soon ? 12 * 60 + (i * 7919L) % (6 * 24 * 60) : 8 * 24 * 60 + (i * 7919L) % (21 * 24 * 60);
                    long next = NOW.plus(Duration.ofMinutes(minutes)).toEpochMilli();
                    p.setLong(1, (i + 1) / 2);
                    p.setString(2, "site" + i + ".example");
                    p.setLong(3, next);
                    p.setLong(4, Instant.ofEpochMilli(next).atZone(ZoneOffset.UTC).minusMonths(1).toInstant().toEpochMilli());
                    p.setLong(5, now);
                    p.setLong(6, now);
                    p.addBatch();
                    flushEvery(p, i);
                }
                p.executeBatch();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO invoices (number, customer_id, service_id, kind, status,"
                    + " plan_id, subtotal_minor, total_minor, currency, due_at, created_at, paid_at)"
                    + " VALUES (?, ?, ?, 'NEW', 'PAID', 1, 500, 500, 'USD', ?, ?, ?)")) {
                for (int i = 1; i <= services; i++) {
                    p.setString(1, String.format("INV-2025-%07d", i));
                    p.setLong(2, (i + 1) / 2);
                    p.setLong(3, i);
                    p.setLong(4, now);
                    p.setLong(5, now);
                    p.setLong(6, now);
                    p.addBatch();
                    flushEvery(p, i);
                }
                p.executeBatch();
            }
            c.commit();
            if (!sqlite) {
                // What autovacuum would have done on a live database: statistics for the planner.
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("VACUUM ANALYZE");
                }
            }
        }
        return due;
    }

    static void flushEvery(PreparedStatement p, int i) throws Exception {
        if (i % SEED_BATCH == 0) {
            p.executeBatch();
        }
    }

    /**
     * The least any sweep must do: one select of the due services (same conditions as the sweep's) and one batched
     * insert of their invoices, in one transaction. Its rows are deleted afterwards so the sweep finds the same work.
     *
     * @return seconds on the wall clock and of this thread's CPU
     */
    static double[] floor(Database db, int expected, ThreadMXBean threads) throws Exception {
        long issueUpTo = NOW.plus(Duration.ofDays(BILLING.renewalLeadDays())).toEpochMilli();
        long start = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        int inserted = 0;
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement select = c.prepareStatement("SELECT s.id, s.customer_id, s.plan_id, s.next_due_at,"
                    + " p.price_minor, p.currency, p.period FROM services s JOIN plans p ON p.id = s.plan_id"
                    + " WHERE s.status IN ('ACTIVE', 'SUSPENDED') AND s.next_due_at <= ? AND NOT EXISTS (SELECT 1 FROM invoices i"
                    + " WHERE i.service_id = s.id AND i.kind = 'RENEWAL' AND (i.period_from = s.next_due_at OR i.status = 'UNPAID'))");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO invoices (number, customer_id, service_id, kind,"
                         + " status, plan_id, subtotal_minor, total_minor, currency, period_from, period_to, due_at, created_at)"
                         + " VALUES (?, ?, ?, 'RENEWAL', 'UNPAID', ?, ?, ?, ?, ?, ?, ?, ?)")) {
                select.setLong(1, issueUpTo);
                try (ResultSet r = select.executeQuery()) {
                    while (r.next()) {
                        long from = r.getLong(4);
                        insert.setString(1, String.format("FLOOR-%07d", ++inserted));
                        insert.setLong(2, r.getLong(2));
                        insert.setLong(3, r.getLong(1));
                        insert.setLong(4, r.getLong(3));
                        insert.setLong(5, r.getLong(5));
                        insert.setLong(6, r.getLong(5));
                        insert.setString(7, r.getString(6));
                        insert.setLong(8, from);
                        insert.setLong(9, BillingPeriod.valueOf(r.getString(7)).addTo(Instant.ofEpochMilli(from)).toEpochMilli());
                        insert.setLong(10, from);
                        insert.setLong(11, NOW.toEpochMilli());
                        insert.addBatch();
                        if (inserted % 1_000 == 0) {
                            insert.executeBatch();
                        }
                    }
                }
                insert.executeBatch();
            }
            c.commit();
            double[] times = {seconds(start), (threads.getCurrentThreadCpuTime() - cpu) / 1e9};
            check(inserted == expected, "the floor found " + inserted + " due services");
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM invoices WHERE number LIKE 'FLOOR-%'");
                c.commit();
                if (db.engine() != Database.Engine.SQLITE) {
                    c.setAutoCommit(true);
                    s.execute("VACUUM ANALYZE invoices");
                }
            }
            return times;
        }
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("bench check failed: " + what);
        }
    }
}
