// The fault drills of issue #9 at full size, against `hostr serve` running as a child process the way an operator runs
// it: this JVM hosts the Strike and WHM simulators on loopback ports, writes the config file, registers the WHM server
// with `hostr admin server add`, subscribes to Strike's webhooks with `hostr strike subscribe`, starts `serve`, and
// streams paid orders at it over HTTP as customers and their wallets would. Each drill breaks one thing, waits until
// everything has settled, then checks in the database and in the simulators that every invoice was paid once and every
// cPanel account made once:
//   kill9          `serve` killed with SIGKILL at seeded random moments, restarted on the same port each time
//   lost-webhooks  Strike delivers no webhook at all: the reconciler (every 5 s) settles everything
//   whm-outage     WHM unreachable for two minutes while the orders are paid (refused, then HTTP 503)
//   reordered      every webhook delivered five times, shuffled, from eight threads, by a meddling hop in between
//   db-restart     PostgreSQL restarted twice under the stream; the same `serve` process must carry on
// One file, because a bench is launched as a single source file. Usage (through bench/drills.sh):
//   java -cp target/hostr.jar bench/FaultDrills.java <drill> <sqlite|jdbc:postgresql://…?currentSchema=…> <work-dir>
// The environment sets the size: HOSTR_DRILL_ORDERS (200), HOSTR_DRILL_SEED, HOSTR_DRILL_OUTAGE_SECONDS (120),
// HOSTR_DRILL_SETTLE_SECONDS (600: how long settling may take), HOSTR_DRILL_PG_RESTART (the command that restarts
// PostgreSQL).
import static org.hostr.db.generated.Tables.AUDIT_LOG;
import static org.hostr.db.generated.Tables.INVOICES;
import static org.hostr.db.generated.Tables.JOBS;
import static org.hostr.db.generated.Tables.PAYMENTS;
import static org.hostr.db.generated.Tables.SERVICES;
import static org.hostr.db.generated.Tables.WEBHOOK_EVENTS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.hostr.config.HostrConfig;
import org.hostr.db.Database;
import org.hostr.nostr.EventSigner;
import org.hostr.nostr.EventTemplate;
import org.hostr.nostr.Keys;
import org.hostr.nostr.NostrEvent;
import org.hostr.nostr.NostrKeyPair;
import org.hostr.payments.strike.StrikeClient;
import org.hostr.payments.strike.StrikeRetryPolicy;
import org.hostr.payments.strike.StrikeWebhookSignature;
import org.hostr.provisioning.ProvisioningJobs;
import org.hostr.sim.strike.SimError;
import org.hostr.sim.strike.StrikeSimulator;
import org.hostr.sim.strike.StrikeSimulatorSettings;
import org.hostr.sim.whm.SimAccount;
import org.hostr.sim.whm.WhmFaults;
import org.hostr.sim.whm.WhmSimulator;
import org.hostr.sim.whm.WhmSimulator.DownMode;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;

public class FaultDrills {
    static final int ORDERS = Integer.parseInt(env("HOSTR_DRILL_ORDERS", "200"));
    static final long SEED = Long.parseLong(env("HOSTR_DRILL_SEED", "20261121"));
    static final Duration OUTAGE = Duration.ofSeconds(Long.parseLong(env("HOSTR_DRILL_OUTAGE_SECONDS", "120")));
    static final String PG_RESTART = env("HOSTR_DRILL_PG_RESTART",
            "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main restart");

    public static void main(String[] args) {
        String drill = args[0];
        String target = args[1];
        Path work = Path.of(args[2]);
        String db = target.equals("sqlite") ? "SQLite" : "PostgreSQL";
        Outcome outcome;
        try {
            outcome = switch (drill) {
                case "kill9" -> kill9(target, work);
                case "lost-webhooks" -> lostWebhooks(target, work);
                case "whm-outage" -> whmOutage(target, work);
                case "reordered" -> reordered(target, work);
                case "db-restart" -> dbRestart(target, work);
                default -> throw new IllegalArgumentException("no drill named " + drill
                        + " (kill9, lost-webhooks, whm-outage, reordered, db-restart)");
            };
        } catch (Exception e) {
            e.printStackTrace();
            outcome = new Outcome("did not finish", List.of(e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        String verdict = outcome.problems().isEmpty() ? "PASS" : "FAIL";
        System.out.printf("%s %s on %s, %d orders: %s%n", verdict, drill, db, ORDERS, outcome.figures());
        outcome.problems().forEach(p -> System.out.println("  - " + p));
        // One tab-separated line for drills.sh's summary table
        System.out.println("RESULT\t" + drill + "\t" + db + "\t" + verdict + "\t" + outcome.figures());
        System.exit(outcome.problems().isEmpty() ? 0 : 1);
    }

    record Outcome(String figures, List<String> problems) {
    }

    /** SIGKILL at random moments of the stream and a restart on the same port after each; every order settles once. */
    static Outcome kill9(String target, Path work) throws Exception {
        Random random = new Random(SEED);
        try (Shop shop = Shop.open(target, work, 10, null)) {
            // A real createacct takes its time; a slow one here lets some kills land while it is in flight
            shop.whm.faults().slowCreate(Duration.ofMillis(300));
            int kills = 5 + random.nextInt(4);
            OrderStream stream = OrderStream.start(shop, "crash", Duration.ofMillis(150));
            int duringStream = 0;
            long lastRestart = 0;
            // Jobs a killed process held: another process takes them over when their lease (5 minutes) runs out
            Set<String> orphans = new HashSet<>();
            for (int k = 1; k <= kills; k++) {
                Thread.sleep(2_000 + random.nextInt(4_000));
                duringStream += stream.done() ? 0 : 1;
                int paid = stream.paid();
                long killedAt = System.nanoTime();
                Instant killedAtInstant = Instant.now();
                shop.serve.kill9();
                orphans.addAll(shop.runningSince(killedAtInstant));
                shop.serve.start();
                lastRestart = System.nanoTime();
                System.out.printf("kill -9 #%d of %d after %d paid orders; serving again %d ms later%n", k, kills, paid,
                        millis(killedAt, lastRestart));
            }
            List<String> numbers = stream.await();
            long settled = shop.awaitSettled(numbers.size());
            return new Outcome(String.format("%d kills (%d during the order stream), %d client retries, %d jobs held by a "
                            + "killed process; all settled %.1f s after the last restart, %.1f s after the last payment; "
                            + "createacct calls %d, accounts %d", kills, duringStream, shop.buyers.retries(),
                    orphans.size(), seconds(lastRestart, settled), seconds(stream.lastPayment(), settled),
                    shop.whm.createAccountCalls(), shop.whm.accountCount()), shop.check(numbers));
        }
    }

    /** Strike sends no webhook; the reconciler, every 5 s, finds every payment. */
    static Outcome lostWebhooks(String target, Path work) throws Exception {
        try (Shop shop = Shop.open(target, work, 5, null)) {
            shop.strike.faults().dropWebhooks(true);
            OrderStream stream = OrderStream.start(shop, "nohook", Duration.ZERO);
            List<String> numbers = stream.await();
            long allPaid = shop.await("every invoice PAID",
                    () -> shop.count(INVOICES, INVOICES.STATUS.eq("PAID")) >= numbers.size());
            long settled = shop.awaitSettled(numbers.size());
            List<String> problems = shop.check(numbers);
            if (shop.strike.webhooksAttempted() != 0) {
                problems.add(shop.strike.webhooksAttempted() + " webhooks were sent; none should have been");
            }
            return new Outcome(String.format("%d webhooks dropped, none sent; all PAID %.1f s and all ACTIVE %.1f s after "
                            + "the last payment; createacct calls %d", shop.strike.webhooksDropped(),
                    seconds(stream.lastPayment(), allPaid), seconds(stream.lastPayment(), settled),
                    shop.whm.createAccountCalls()), problems);
        }
    }

    /** WHM unreachable for the whole outage while every order is paid; every account made once after it returns. */
    static Outcome whmOutage(String target, Path work) throws Exception {
        try (Shop shop = Shop.open(target, work, 30, null)) {
            long downAt = System.nanoTime();
            shop.whm.goDown(DownMode.REFUSED);
            OrderStream stream = OrderStream.start(shop, "whmout", Duration.ZERO);
            sleepUntil(downAt + OUTAGE.toNanos() / 2);
            // Second half: a proxy in front of WHM answers 503. Every call fails from before it listens again.
            shop.whm.faults().failNext(Integer.MAX_VALUE, WhmFaults.FailMode.HTTP_503);
            shop.whm.comeUp();
            shop.whm.goDown(DownMode.HTTP_503);
            shop.whm.faults().failNext(0, WhmFaults.FailMode.HTTP_503);
            System.out.printf("WHM refused connections for %d s, now answers 503%n",
                    millis(downAt, System.nanoTime()) / 1000);
            List<String> numbers = stream.await();
            sleepUntil(downAt + OUTAGE.toNanos());
            int paidWhileDown = shop.count(INVOICES, INVOICES.STATUS.eq("PAID"));
            int activeWhileDown = shop.count(SERVICES, SERVICES.STATUS.eq("ACTIVE"));
            long attempts = shop.database.dsl().select(DSL.sum(JOBS.ATTEMPTS)).from(JOBS)
                    .where(JOBS.KIND.eq(ProvisioningJobs.PROVISION)).fetchOptional(0, Long.class).orElse(0L);
            // createacct calls that reached the 503 answer changed nothing; only those after the outage count
            shop.createCallsRefused = shop.whm.createAccountCalls();
            shop.whm.comeUp();
            long upAt = System.nanoTime();
            System.out.printf("WHM back after %d s: %d invoices PAID, %d services ACTIVE, %d provisioning attempts made%n",
                    millis(downAt, upAt) / 1000, paidWhileDown, activeWhileDown, attempts);
            long settled = shop.awaitSettled(numbers.size());
            List<String> problems = shop.check(numbers);
            if (paidWhileDown != numbers.size()) {
                problems.add("only " + paidWhileDown + " invoices were PAID during the outage: payments must not wait "
                        + "for WHM");
            }
            if (activeWhileDown != 0) {
                problems.add(activeWhileDown + " services became ACTIVE while WHM was unreachable");
            }
            return new Outcome(String.format("WHM down %d s (refused, then 503), every invoice PAID during it, %d failed "
                            + "provisioning attempts; all ACTIVE %.1f s after WHM came back; createacct calls %d after it "
                            + "(%d answered 503 during it), accounts %d", OUTAGE.toSeconds(), attempts,
                    seconds(upAt, settled), shop.whm.createAccountCalls() - shop.createCallsRefused,
                    shop.createCallsRefused, shop.whm.accountCount()), problems);
        }
    }

    /** Each webhook five times, in random order and from several threads at once; each invoice settles once. */
    static Outcome reordered(String target, Path work) throws Exception {
        // The reconciler is kept out of the way (an hour's interval), so what settles is the webhooks
        try (MeddlingHop hop = new MeddlingHop(5, new Random(SEED));
             Shop shop = Shop.open(target, work, 3600, hop)) {
            OrderStream stream = OrderStream.start(shop, "reordr", Duration.ZERO);
            List<String> numbers = stream.await();
            long settled = shop.awaitSettled(numbers.size());
            hop.awaitForwarded();
            List<String> problems = shop.check(numbers);
            Set<String> delivered = hop.eventIds();
            List<String> stored = shop.database.dsl().select(WEBHOOK_EVENTS.EVENT_ID).from(WEBHOOK_EVENTS)
                    .fetch(WEBHOOK_EVENTS.EVENT_ID);
            if (stored.size() != delivered.size() || !new HashSet<>(stored).equals(delivered)) {
                problems.add("webhook_events holds " + stored.size() + " rows for " + delivered.size() + " distinct events");
            }
            int settleJobs = shop.count(JOBS, JOBS.IDEMPOTENCY_KEY.startsWith("strike-settle:"));
            if (settleJobs != delivered.size()) {
                problems.add(settleJobs + " settlement jobs for " + delivered.size() + " distinct events");
            }
            if (hop.refused() > 0) {
                problems.add(hop.refused() + " deliveries were not answered 200");
            }
            return new Outcome(String.format("%d events delivered %d times in all (5 copies each, shuffled within 2 s, from "
                            + "8 threads), every delivery answered 200; %d events stored, %d settlement jobs; all ACTIVE "
                            + "%.1f s after the last payment; createacct calls %d", delivered.size(), hop.forwarded(),
                    stored.size(), settleJobs, seconds(stream.lastPayment(), settled), shop.whm.createAccountCalls()),
                    problems);
        }
    }

    /** PostgreSQL restarted twice under the stream; the same `serve` process carries on and settles everything. */
    static Outcome dbRestart(String target, Path work) throws Exception {
        if (target.equals("sqlite")) {
            throw new IllegalArgumentException("db-restart runs on PostgreSQL only");
        }
        try (Shop shop = Shop.open(target, work, 10, null)) {
            long pid = shop.serve.pid();
            OrderStream stream = OrderStream.start(shop, "pgrest", Duration.ofMillis(100));
            List<Long> backToReady = new ArrayList<>();
            Instant pgBackAt = null;
            for (int k = 1; k <= 2; k++) {
                int after = ORDERS * k / 3;
                shop.await("order " + after + " paid", () -> stream.paid() >= after || stream.done());
                long restartAt = System.nanoTime();
                Process restart = new ProcessBuilder("sh", "-c", PG_RESTART).inheritIO().start();
                if (restart.waitFor() != 0) {
                    throw new IllegalStateException("`" + PG_RESTART + "` exited " + restart.exitValue());
                }
                long pgBack = System.nanoTime();
                pgBackAt = Instant.now();
                long ready = shop.await("/readyz answering 200 again", shop.serve::ready);
                backToReady.add(millis(restartAt, ready));
                System.out.printf("PostgreSQL restart #%d after %d paid orders: PostgreSQL back in %d ms, /readyz 200 "
                        + "%d ms after the restart began%n", k, stream.paid(), millis(restartAt, pgBack),
                        millis(restartAt, ready));
            }
            List<String> numbers = stream.await();
            long settled = shop.awaitSettled(numbers.size());
            List<String> problems = shop.check(numbers);
            // A job whose outcome the restart kept from being written, the periodic ones included, must not be left
            // RUNNING for its lease (5 minutes): a reconciler left so stops reconciling for as long
            Thread.sleep(5_000);
            List<String> abandoned = shop.runningSince(pgBackAt);
            if (!abandoned.isEmpty()) {
                problems.add("jobs left RUNNING by the restart, until their lease runs out: " + abandoned);
            }
            if (!shop.serve.alive() || shop.serve.pid() != pid || shop.serve.starts() != 1) {
                problems.add("serve did not carry on as one process (started " + shop.serve.starts() + " times)");
            }
            if (!shop.serve.ready()) {
                problems.add("/readyz does not answer 200 at the end");
            }
            return new Outcome(String.format("2 PostgreSQL restarts, serve never restarted; /readyz 200 again %s ms after "
                            + "each restart began; %d client retries; all settled %.1f s after the last payment; "
                            + "createacct calls %d", backToReady, shop.buyers.retries(),
                    seconds(stream.lastPayment(), settled), shop.whm.createAccountCalls()), problems);
        }
    }

    static String env(String name, String otherwise) {
        return System.getenv().getOrDefault(name, otherwise);
    }

    static long millis(long fromNanos, long toNanos) {
        return Duration.ofNanos(toNanos - fromNanos).toMillis();
    }

    static double seconds(long fromNanos, long toNanos) {
        return millis(fromNanos, toNanos) / 1e3;
    }

    static void sleepUntil(long nanos) throws InterruptedException {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}

/**
 * One shop under drill: the simulators in this JVM, the config file, the `serve` child process, the logged-in
 * customers, and a connection of its own to the shop's database for the checks.
 */
final class Shop implements AutoCloseable {
    static final String STRIKE_KEY = "drill-strike-key";
    static final String WEBHOOK_SECRET = "drill-webhook-secret";
    static final int CUSTOMERS = 8;
    static final Duration SETTLE_LIMIT =
            Duration.ofSeconds(Long.parseLong(FaultDrills.env("HOSTR_DRILL_SETTLE_SECONDS", "600")));

    final StrikeSimulator strike = new StrikeSimulator(StrikeSimulatorSettings.defaults(STRIKE_KEY)).start(0);
    final WhmSimulator whm = new WhmSimulator().start(0);
    final Path work;
    ServeProcess serve;
    Database database;
    Buyers buyers;
    /** createacct calls WHM received while it answered 503: counted by the simulator, but they changed nothing. */
    int createCallsRefused;

    private Shop(Path work) {
        this.work = work;
    }

    /** @param hop null: Strike posts webhooks straight to the shop, subscribed by `hostr strike subscribe` */
    static Shop open(String target, Path work, int reconcileSeconds, MeddlingHop hop) throws Exception {
        Shop shop = new Shop(work);
        try {
            shop.setUp(target, reconcileSeconds, hop);
            return shop;
        } catch (Exception e) {
            shop.close();
            throw e;
        }
    }

    private void setUp(String target, int reconcileSeconds, MeddlingHop hop) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;
        HostrConfig.Database db = target.equals("sqlite")
                ? new HostrConfig.Database("jdbc:sqlite:" + work.resolve("hostr.db"), "", "", 2)
                : new HostrConfig.Database(target, System.getenv().getOrDefault("PGUSER", "postgres"), "", 2);
        Path config = work.resolve("config.toml");
        Files.writeString(config, """
                [server]
                host = "127.0.0.1"
                port = %d
                public_url = "%s"
                [database]
                url = "%s"
                user = "%s"
                [auth]
                session_secret = "drill-session-secret-0123456789abcdefghij"
                relays = []
                login_rate_per_minute = 1000
                [strike]
                base_url = "%s"
                api_key = "%s"
                webhook_secret = "%s"
                reconcile_seconds = %d
                [secrets]
                encryption_key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
                [notify]
                relays = []
                [metrics]
                enabled = false
                [[plans]]
                slug = "basic"
                name = "Basic"
                storage_mb = 1024
                bandwidth_mb = 10240
                whm_package = "basic"
                price_minor = 500
                """.formatted(port, base, db.url(), db.user(), strike.baseUrl(), STRIKE_KEY, WEBHOOK_SECRET,
                reconcileSeconds));
        serve = new ServeProcess(config, work, base);
        serve.run("admin", "server", "add", "--config", config.toString(), "--name", "whm-1", "--url", whm.baseUrl(),
                "--max-accounts", "1000");
        if (hop == null) {
            serve.run("strike", "subscribe", "--config", config.toString());
        } else {
            hop.forwardTo(base + "/webhooks/strike");
            try (StrikeClient client = new StrikeClient(strike.baseUrl(), STRIKE_KEY, Duration.ofSeconds(2),
                    Duration.ofSeconds(5), StrikeRetryPolicy.defaults(), Clock.systemUTC())) {
                client.createSubscription(hop.url(), WEBHOOK_SECRET, List.of("invoice.created", "invoice.updated"));
            }
        }
        // db-restart breaks this pool's connections too; Hikari replaces them, and its warnings about that are noise here
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.zaxxer.hikari"))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        database = Database.open(db, null);
        serve.start();
        buyers = Buyers.logIn(base, CUSTOMERS);
    }

    int count(Table<?> table, Condition condition) {
        return database.dsl().fetchCount(table, condition);
    }

    /**
     * Polls until the condition holds and returns that moment ({@link System#nanoTime()}). A database error counts as
     * "not yet": this connection goes through the same PostgreSQL restarts as the shop's.
     */
    long await(String what, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + SETTLE_LIMIT.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return System.nanoTime();
                }
            } catch (RuntimeException e) {
                // asked again below
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException("not within " + SETTLE_LIMIT.toSeconds() + " s: " + what + " (serve's log: "
                        + work.resolve("serve.log") + ")");
            }
            Thread.sleep(100);
        }
    }

    /** Until every invoice is PAID, every service ACTIVE and no job but the periodic ones is left to run. */
    long awaitSettled(int orders) throws InterruptedException {
        long[] nextReport = {System.nanoTime() + TimeUnit.SECONDS.toNanos(15)};
        try {
            return await(orders + " orders paid and provisioned", () -> {
                int paid = count(INVOICES, INVOICES.STATUS.eq("PAID"));
                int active = count(SERVICES, SERVICES.STATUS.eq("ACTIVE"));
                int open = openJobs();
                if (System.nanoTime() > nextReport[0]) {
                    System.out.printf("  settling: %d PAID, %d ACTIVE, %d jobs to run%s%n", paid, active, open,
                            open > 0 && open <= 5 ? " " + openJobKeys() : "");
                    nextReport[0] += TimeUnit.SECONDS.toNanos(15);
                }
                return paid >= orders && active >= orders && open == 0;
            });
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; jobs not done: " + database.dsl()
                    .select(JOBS.IDEMPOTENCY_KEY, JOBS.STATUS, JOBS.ATTEMPTS, JOBS.LOCKED_UNTIL, JOBS.LAST_ERROR).from(JOBS)
                    .where(JOBS.STATUS.in("QUEUED", "RUNNING")).limit(5).fetch().formatCSV(false), e);
        }
    }

    /** Jobs still RUNNING on a claim or lease renewal made before {@code moment}: their worker no longer tends them. */
    List<String> runningSince(Instant moment) {
        return database.dsl().select(JOBS.IDEMPOTENCY_KEY).from(JOBS)
                .where(JOBS.STATUS.eq("RUNNING").and(JOBS.UPDATED_AT.lt(moment))).fetch(JOBS.IDEMPOTENCY_KEY);
    }

    private int openJobs() {
        return count(JOBS, openJob());
    }

    private List<String> openJobKeys() {
        return database.dsl().select(JOBS.IDEMPOTENCY_KEY, JOBS.STATUS).from(JOBS).where(openJob()).limit(5)
                .fetch(r -> r.value1() + " " + r.value2());
    }

    private static Condition openJob() {
        return JOBS.STATUS.in("QUEUED", "RUNNING").and(JOBS.IDEMPOTENCY_KEY.notLike("periodic:%"));
    }

    /** Each ordered invoice PAID once, here and at Strike; each service ACTIVE with one account from one createacct. */
    List<String> check(List<String> numbers) {
        DSLContext db = database.dsl();
        int n = numbers.size();
        List<String> problems = new ArrayList<>();
        expect(problems, "orders placed", n, FaultDrills.ORDERS);
        List<String> paid = db.select(INVOICES.NUMBER).from(INVOICES).where(INVOICES.STATUS.eq("PAID"))
                .fetch(INVOICES.NUMBER);
        if (paid.size() != n || !new HashSet<>(paid).equals(new HashSet<>(numbers))) {
            problems.add("the " + paid.size() + " PAID invoices are not the " + n + " ordered");
        }
        expect(problems, "invoices", db.fetchCount(INVOICES), n);
        expect(problems, "payments", db.fetchCount(PAYMENTS), n);
        expect(problems, "PAID payments", count(PAYMENTS, PAYMENTS.STATE.eq("PAID")), n);
        expect(problems, "invoices with a PAID payment",
                db.fetchCount(db.selectDistinct(PAYMENTS.INVOICE_ID).from(PAYMENTS).where(PAYMENTS.STATE.eq("PAID"))), n);
        List<String> audited = db.select(AUDIT_LOG.SUBJECT).from(AUDIT_LOG).where(AUDIT_LOG.ACTION.eq("invoice.paid"))
                .fetch(AUDIT_LOG.SUBJECT);
        expect(problems, "invoice.paid audit lines", audited.size(), n);
        expect(problems, "invoices audited as paid", new HashSet<>(audited).size(), n);
        expect(problems, "invoices at Strike", strike.invoiceCount(), n);
        List<String> domains = db.select(SERVICES.DOMAIN).from(SERVICES).fetch(SERVICES.DOMAIN);
        expect(problems, "services", domains.size(), n);
        expect(problems, "ACTIVE services", count(SERVICES, SERVICES.STATUS.eq("ACTIVE")), n);
        List<String> accounts = whm.accounts().stream().map(SimAccount::domain).toList();
        expect(problems, "cPanel accounts on WHM", accounts.size(), n);
        if (!new HashSet<>(accounts).equals(new HashSet<>(domains))) {
            problems.add("the cPanel accounts' domains are not the services' domains");
        }
        expect(problems, "createacct calls", whm.createAccountCalls() - createCallsRefused, n);
        List<String> dead = db.select(JOBS.IDEMPOTENCY_KEY).from(JOBS).where(JOBS.STATUS.eq("DEAD"))
                .fetch(JOBS.IDEMPOTENCY_KEY);
        if (!dead.isEmpty()) {
            problems.add(dead.size() + " jobs DEAD, e.g. " + dead.subList(0, Math.min(5, dead.size())));
        }
        return problems;
    }

    private static void expect(List<String> problems, String what, int found, int expected) {
        if (found != expected) {
            problems.add(what + ": " + found + ", expected " + expected);
        }
    }

    @Override
    public void close() {
        if (serve != null) {
            serve.stop();
        }
        if (database != null) {
            database.close();
        }
        strike.stop();
        whm.stop();
    }
}

/** `java -jar hostr.jar …` as child processes: `serve` (started, killed, restarted) and one-off commands. */
final class ServeProcess {
    private final Path config;
    private final Path work;
    private final String base;
    private final List<String> jvm = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private Process process;
    private int starts;

    ServeProcess(Path config, Path work, String base) {
        this.config = config;
        this.work = work;
        this.base = base;
        // The JVM flags the README recommends for serve, and the class-data archive the build leaves beside the jar.
        // Hostr comes from this JVM's own class path: the jar, or classes compiled elsewhere (HOSTR_BENCH_CP).
        String classPath = System.getProperty("java.class.path");
        jvm.addAll(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:+UseSerialGC", "-Xms48m", "-Xmn32m", "-Xmx256m"));
        if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
            Path archive = Path.of(classPath.replaceAll("\\.jar$", ".jsa"));
            if (Files.exists(archive)) {
                jvm.add("-XX:SharedArchiveFile=" + archive);
            }
            jvm.addAll(List.of("-jar", classPath));
        } else {
            jvm.addAll(List.of("-cp", classPath, "org.hostr.Main"));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
    }

    /** Runs a one-off command (`admin server add`, `strike subscribe`) to the end; fails unless it exits 0. */
    void run(String... args) throws Exception {
        List<String> command = new ArrayList<>(jvm);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("commands.log").toFile()));
        builder.environment().put("HOSTR_WHM_TOKEN", WhmSimulator.DEFAULT_TOKEN);
        Process p = builder.start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("hostr " + String.join(" ", args) + " exited " + p.exitValue() + ":\n"
                    + Files.readString(work.resolve("commands.log")));
        }
    }

    /** Starts `serve` and waits until /readyz answers 200. */
    void start() throws Exception {
        List<String> command = new ArrayList<>(jvm);
        command.addAll(List.of("serve", "--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("serve.log").toFile()));
        builder.environment().put("HOSTR_LOG_LEVEL", FaultDrills.env("HOSTR_DRILL_SERVE_LOG_LEVEL", "INFO"));
        builder.environment().put("HOSTR_ACCESS_LOG", "WARN");
        process = builder.start();
        starts++;
        // For drills.sh's clean-up, should this JVM itself be killed
        Files.writeString(work.resolve("serve.pid"), Long.toString(process.pid()));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!ready()) {
            if (!process.isAlive() || System.nanoTime() > until) {
                List<String> log = Files.readAllLines(work.resolve("serve.log"));
                String exit = process.isAlive() ? "still running" : "exit " + process.exitValue();
                throw new IllegalStateException("serve did not become ready (" + exit + "); the end of its log:\n"
                        + String.join("\n", log.subList(Math.max(0, log.size() - 30), log.size())));
            }
            Thread.sleep(50);
        }
    }

    boolean ready() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: no shutdown hook, no graceful stop, leases and transactions left as they are. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as an operator stops it; SIGKILL if it has not stopped in 30 s. */
    void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    int starts() {
        return starts;
    }
}

/**
 * The shop's customers, logged in with a Nostr key each, and their calls: a call that meets a dead or restarting shop
 * (no connection, 5xx) is sent again, as a person would press the button again.
 */
final class Buyers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GIVE_UP = Duration.ofMinutes(3);

    record Session(String cookie, String csrf) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;
    private final List<Session> sessions = new ArrayList<>();
    private final AtomicInteger retries = new AtomicInteger();

    private Buyers(String base) {
        this.base = base;
    }

    static Buyers logIn(String base, int customers) throws Exception {
        Buyers buyers = new Buyers(base);
        for (int i = 0; i < customers; i++) {
            buyers.sessions.add(buyers.logInOne());
        }
        return buyers;
    }

    private Session logInOne() throws Exception {
        NostrKeyPair key = Keys.generate();
        String challenge = json(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/challenge")).build()).body())
                .path("challenge").asText();
        NostrEvent event = EventSigner.sign(new EventTemplate(27235, List.of(List.of("u", base + "/api/v1/auth/login"),
                List.of("method", "POST"), List.of("challenge", challenge)), "", Instant.now().getEpochSecond()),
                key.secretKey());
        String signed = Base64.getEncoder().encodeToString(event.toJson().getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Authorization", "Nostr " + signed).POST(HttpRequest.BodyPublishers.noBody()).build());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow(() -> new IllegalStateException(
                "login answered " + login.statusCode() + ": " + login.body())).split(";")[0];
        String csrf = json(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/me")).header("Cookie", cookie).build())
                .body()).path("csrf_token").asText();
        return new Session(cookie, csrf);
    }

    Session session(int order) {
        return sessions.get(order % sessions.size());
    }

    HttpResponse<String> post(Session s, String path, String json, String idempotencyKey) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Cookie", s.cookie()).header("X-CSRF-Token", s.csrf()).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.build());
    }

    /** The first answer below 500, however many tries it takes within three minutes. */
    HttpResponse<String> send(HttpRequest request) throws InterruptedException {
        long until = System.nanoTime() + GIVE_UP.toNanos();
        while (true) {
            String failure;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() < 500) {
                    return response;
                }
                failure = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                failure = e.toString();
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " still failing after "
                        + GIVE_UP.toMinutes() + " minutes: " + failure);
            }
            retries.incrementAndGet();
            Thread.sleep(250);
        }
    }

    int retries() {
        return retries.get();
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}

/**
 * The drill's orders, placed and paid from four client threads, order i not before start + i × pace: each order with
 * its own Idempotency-Key (a retried order is the same order), then its invoice paid from a wallet at Strike.
 */
final class OrderStream {
    private final Shop shop;
    private final String prefix;
    private final List<String> numbers = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong lastPayment = new AtomicLong();
    private final ExecutorService clients = Executors.newFixedThreadPool(4);
    private CompletableFuture<Void> all;

    private OrderStream(Shop shop, String prefix) {
        this.shop = shop;
        this.prefix = prefix;
    }

    static OrderStream start(Shop shop, String prefix, Duration pace) {
        OrderStream stream = new OrderStream(shop, prefix);
        long start = System.nanoTime();
        List<CompletableFuture<Void>> orders = new ArrayList<>();
        for (int i = 0; i < FaultDrills.ORDERS; i++) {
            int order = i;
            orders.add(CompletableFuture.runAsync(() -> {
                try {
                    FaultDrills.sleepUntil(start + order * pace.toNanos());
                    stream.numbers.add(stream.placeAndPay(order));
                    stream.lastPayment.set(System.nanoTime());
                } catch (InterruptedException e) {
                    throw new CompletionException(e);
                }
            }, stream.clients));
        }
        stream.all = CompletableFuture.allOf(orders.toArray(CompletableFuture[]::new));
        return stream;
    }

    private String placeAndPay(int i) throws InterruptedException {
        Buyers.Session customer = shop.buyers.session(i);
        HttpResponse<String> order = shop.buyers.post(customer, "/api/v1/orders",
                "{\"plan\":\"basic\",\"domain\":\"" + prefix + i + ".example\"}", prefix + "-order-" + i);
        expect(order, 201);
        String number = Buyers.json(order.body()).at("/invoice/number").asText();
        for (int attempt = 1; attempt <= 20; attempt++) {
            HttpResponse<String> pay = shop.buyers.post(customer, "/api/v1/invoices/" + number + "/pay", null, null);
            if (pay.statusCode() == 409 && pay.body().contains("already_paid")) {
                return number;
            }
            expect(pay, 200);
            JsonNode request = Buyers.json(pay.body());
            if (!request.path("bolt11").isTextual()) {
                return number; // PENDING or PAID already
            }
            try {
                shop.strike.payLnInvoice(request.get("bolt11").asText());
                return number;
            } catch (SimError e) {
                Thread.sleep(200); // the quote expired on the way to the wallet: ask for a new one
            }
        }
        throw new IllegalStateException("invoice " + number + " could not be paid in 20 tries");
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri().getPath()
                    + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    int paid() {
        return numbers.size();
    }

    boolean done() {
        return all.isDone();
    }

    long lastPayment() {
        return lastPayment.get();
    }

    /** Waits for every order; the invoice numbers. */
    List<String> await() {
        try {
            all.join();
            return List.copyOf(numbers);
        } catch (CompletionException e) {
            throw new IllegalStateException("the order stream failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            clients.shutdownNow();
        }
    }
}

/**
 * The network between Strike and the shop at its worst: it takes each webhook from Strike (answering 200 at once, so
 * Strike does not retry), then delivers it {@code copies} times, each copy after a random delay of up to 2 s, from eight
 * threads. Copies of one event race each other, and an invoice's PAID event often arrives before its PENDING one.
 * The bytes and Strike's signature pass unchanged.
 */
final class MeddlingHop implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int copies;
    private final Random random;
    private final HttpServer server;
    private final ScheduledExecutorService senders = Executors.newScheduledThreadPool(8);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Set<String> eventIds = ConcurrentHashMap.newKeySet();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger forwarded = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile String target;

    MeddlingHop(int copies, Random random) throws IOException {
        this.copies = copies;
        this.random = random;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::take);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/strike";
    }

    void forwardTo(String url) {
        target = url;
    }

    private void take(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String signature = exchange.getRequestHeaders().getFirst(StrikeWebhookSignature.HEADER);
        eventIds.add(JSON.readTree(body).path("id").asText());
        received.incrementAndGet();
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
        for (int copy = 0; copy < copies; copy++) {
            senders.schedule(() -> deliver(body, signature), random.nextInt(2_000), TimeUnit.MILLISECONDS);
        }
    }

    private void deliver(byte[] body, String signature) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").header(StrikeWebhookSignature.HEADER, signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                refused.incrementAndGet();
            }
        } catch (IOException | InterruptedException e) {
            refused.incrementAndGet();
        } finally {
            forwarded.incrementAndGet();
        }
    }

    /** Until every copy of every webhook taken so far has been delivered (or refused). */
    void awaitForwarded() throws InterruptedException {
        while (forwarded.get() < received.get() * copies) {
            Thread.sleep(50);
        }
    }

    Set<String> eventIds() {
        return Set.copyOf(eventIds);
    }

    int forwarded() {
        return forwarded.get();
    }

    int refused() {
        return refused.get();
    }

    @Override
    public void close() {
        server.stop(0);
        senders.shutdownNow();
    }
}
