package org.hostr.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hostr.audit.AuditLog;
import org.hostr.billing.InvoiceService;
import org.hostr.config.HostrConfig;
import org.hostr.customers.Customer;
import org.hostr.customers.CustomerStatus;
import org.hostr.customers.CustomerService;
import org.hostr.db.Database;
import org.hostr.jobs.Job;
import org.hostr.jobs.JobHandler;
import org.hostr.jobs.JobQueue;
import org.hostr.jobs.JobRepository;
import org.hostr.jobs.JobRunner;
import org.hostr.jobs.JobSettings;
import org.hostr.nostr.Keys;
import org.hostr.nostr.Nip19;
import org.hostr.nostr.NostrEvent;
import org.hostr.nostr.NostrKeyPair;
import org.hostr.nostr.relay.TestRelay;
import org.hostr.testing.TestApp;
import org.hostr.testing.TestDatabases;
import org.hostr.time.MovableClock;

/**
 * The notices outbox wired as Application wires it, on a real database, without the web server: jobs run when the
 * test says so ({@link #runJobs()}), on a clock the test moves.
 */
final class NoticeFixture implements AutoCloseable {
    static final String REMINDER_KIND = "notice";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final NostrKeyPair shop = Keys.generate();
    final NostrKeyPair admin = Keys.generate();
    final MovableClock clock = MovableClock.systemUtc();
    final Database db;
    final JobQueue jobs;
    final CustomerService customers;
    final NotifyModule notify;
    private final JobRunner runner;

    /** @param shopKey false: a shop without [notify] shop_nsec */
    NoticeFixture(TestDatabases.Kind kind, List<String> relays, boolean shopKey, Map<String, JobHandler> moreHandlers) {
        HostrConfig.Database dbConfig = TestDatabases.config(kind);
        db = Database.open(dbConfig, null);
        db.migrate();
        customers = new CustomerService(db, new AuditLog(db.dsl()), clock);
        jobs = new JobQueue(new JobRepository(db.dsl()), clock);
        HostrConfig.Notify settings = new HostrConfig.Notify(shopKey ? Nip19.nsecEncode(shop.secretKey()) : "", relays,
                true, "Hostr test", "shop", 2);
        notify = NotifyModule.create(db, jobs, withNotices(TestApp.config(dbConfig), settings),
                (tx, id) -> customers.byId(tx, id).filter(c -> c.status() == CustomerStatus.ACTIVE).map(Customer::pubkey),
                new InvoiceService(db), Set.of(admin.pubkey()), REMINDER_KIND, clock, clock);
        Map<String, JobHandler> handlers = new HashMap<>(notify.jobHandlers());
        moreHandlers.forEach((jobKind, handler) -> handlers.put(jobKind, notify.watchForDeath(handler)));
        runner = new JobRunner(jobs, handlers, JobSettings.DEFAULT);
    }

    NoticeFixture(TestDatabases.Kind kind, List<String> relays) {
        this(kind, relays, true, Map.of());
    }

    static HostrConfig withNotices(HostrConfig c, HostrConfig.Notify notices) {
        return new HostrConfig(c.server(), c.database(), c.auth(), c.strike(), c.billing(), c.secrets(), c.metrics(),
                c.dev(), notices, c.plans(), c.whmServers());
    }

    Customer customer(NostrKeyPair key) {
        return customers.logIn(key.pubkey());
    }

    /** Records a notice as an event's transaction would. */
    Optional<Long> toCustomer(Customer customer, NoticeDraft draft) {
        return db.transaction(tx -> notify.notices().toCustomer(tx, customer.id(), draft));
    }

    Notice notice(String key) {
        return notify.notices().byKey(key).orElseThrow(() -> new AssertionError("no notice " + key));
    }

    /** Runs whatever jobs are due now, in this thread. */
    int runJobs() {
        return runner.runDueNow(20);
    }

    /** Past any retry backoff the queue chose. */
    void later() {
        clock.advance(Duration.ofMinutes(5));
    }

    Job job(String key) {
        return jobs.findByKey(key).orElseThrow(() -> new AssertionError("no job " + key));
    }

    /** The events published to one of the test relay's relays, in order. */
    static List<NostrEvent> published(TestRelay relays, String name) {
        List<NostrEvent> events = new ArrayList<>();
        for (String frame : relays.received(name)) {
            try {
                JsonNode node = JSON.readTree(frame);
                if ("EVENT".equals(node.path(0).asText())) {
                    events.add(NostrEvent.fromJson(node.path(1).toString()));
                }
            } catch (Exception e) {
                throw new AssertionError("the relay received something unreadable: " + frame, e);
            }
        }
        return events;
    }

    @Override
    public void close() {
        db.close();
    }
}
