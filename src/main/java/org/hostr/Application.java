package org.hostr;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hostr.audit.AuditLog;
import org.hostr.auth.AuthFilter;
import org.hostr.auth.AuthRoutes;
import org.hostr.auth.LoginService;
import org.hostr.auth.SessionCodec;
import org.hostr.billing.AccountOverview;
import org.hostr.catalog.CatalogService;
import org.hostr.catalog.CheckoutRoutes;
import org.hostr.catalog.Plan;
import org.hostr.provisioning.ProvisioningJobs;
import org.hostr.provisioning.ProvisioningModule;
import org.hostr.provisioning.whm.WhmTimeouts;
import org.hostr.secrets.SecretBox;
import org.hostr.customers.AccountRoutes;
import org.hostr.customers.Customer;
import org.hostr.customers.CustomerService;
import org.hostr.customers.CustomerStatus;
import org.hostr.customers.ProfileRoutes;
import org.hostr.customers.ProfileService;
import org.hostr.billing.InvoiceService;
import org.hostr.billing.BillingAdminRoutes;
import org.hostr.billing.BillingAdminService;
import org.hostr.billing.CreditService;
import org.hostr.billing.CustomerBillingRoutes;
import org.hostr.billing.CustomerBillingService;
import org.hostr.billing.NoticeHandler;
import org.hostr.billing.RenewalSettlement;
import org.hostr.billing.RenewalSweep;
import org.hostr.billing.ServiceForms;
import org.hostr.billing.SweepReport;
import org.hostr.admin.AdminModule;
import org.hostr.billing.OrderService;
import org.hostr.billing.PromoCodeService;
import org.hostr.billing.PromoUseOnSettlement;
import org.hostr.billing.PaywallRoutes;
import org.hostr.jobs.JobHandler;
import org.hostr.jobs.JobQueue;
import org.hostr.jobs.JobRepository;
import org.hostr.jobs.JobRunner;
import org.hostr.jobs.JobSettings;
import org.hostr.jobs.PeriodicScheduler;
import org.hostr.jobs.PeriodicTask;
import org.hostr.notify.NotifyModule;
import org.hostr.payments.JobSettlementQueue;
import org.hostr.payments.PaymentRoutes;
import org.hostr.payments.PaymentService;
import org.hostr.payments.SettlementListener;
import org.hostr.payments.SettlementService;
import org.hostr.payments.StrikeReconciler;
import org.hostr.payments.StrikeWebhookRoutes;
import org.hostr.payments.WebhookEventRepository;
import org.hostr.payments.strike.StrikeClient;
import org.hostr.payments.strike.StrikeRetryPolicy;
import org.hostr.time.ClockRoutes;
import org.hostr.catalog.StorefrontRoutes;
import org.hostr.config.HostrConfig;
import org.hostr.db.Database;
import org.hostr.time.MovableClock;
import org.hostr.web.HealthRoutes;
import org.hostr.web.Json;
import org.hostr.web.MetricsRoutes;
import org.hostr.web.Pages;
import org.hostr.web.RouteGroup;
import org.hostr.web.WebApp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires Hostr by hand, in one place: config → database → features → web. `serve`, `demo` and the integration tests
 * all start Hostr through here.
 */
public final class Application implements AutoCloseable {
    static final int JOB_THREADS = 16;
    private static final Logger log = LoggerFactory.getLogger(Application.class);

    private final HostrConfig config;
    private final Clock clock;
    private final Database database;
    private final Javalin web;
    private final List<AutoCloseable> workers;
    private volatile boolean stopped;

    private Application(HostrConfig config, Clock clock, Database database, Javalin web, List<AutoCloseable> workers) {
        this.config = config;
        this.clock = clock;
        this.database = database;
        this.web = web;
        this.workers = workers;
    }

    /** Options that only `demo` and tests set. */
    public record Options(boolean demo, String shopName, List<RouteGroup> extraRoutes,
                          List<SettlementListener> settlementListeners) {
        public Options(boolean demo, String shopName, List<RouteGroup> extraRoutes) {
            this(demo, shopName, extraRoutes, List.of());
        }

        public static Options defaults() {
            return new Options(false, "Hostr", List.of());
        }
    }

    public static Application start(HostrConfig config, Options options) {
        Clock clock = config.dev().testClock() ? MovableClock.systemUtc() : Clock.systemUTC();
        PrometheusMeterRegistry meters = meters();
        Database database = Database.open(config.database(), meters);
        try {
            database.migrate();
            CatalogService catalog = new CatalogService(database, clock);
            catalog.upsertFromConfig(config.plans());

            String baseUrl = config.server().baseUrl();
            AuditLog audit = new AuditLog(database.dsl());
            CustomerService customers = new CustomerService(database, audit, clock);
            // Signed events carry the signer's wall-clock time: authentication always uses the real clock, even when
            // [dev] test_clock has moved the billing clock months ahead.
            Clock wallClock = Clock.systemUTC();
            SessionCodec sessions = new SessionCodec(config.auth().sessionSecret(),
                    Duration.ofHours(config.auth().sessionTtlHours()), wallClock);
            LoginService login = new LoginService(database, customers, LoginService.adminKeys(config.auth().adminNpubs()),
                    baseUrl, config.auth().sessionSecret(), wallClock);

            // Jobs: one durable queue; handlers by kind; periodic tasks get one run per time slot across instances.
            JobQueue jobs = new JobQueue(new JobRepository(database.dsl()), clock);
            Map<String, JobHandler> handlers = new HashMap<>();
            List<PeriodicTask> periodic = new ArrayList<>();

            // Payments through Strike: orders, pay, webhook, settlement, reconciler.
            StrikeClient strike = new StrikeClient(config.strike().baseUrl(), config.strike().apiKey(), Duration.ofSeconds(5),
                    Duration.ofSeconds(20), StrikeRetryPolicy.defaults(), clock);
            InvoiceService invoices = new InvoiceService(database);
            PromoCodeService promos = new PromoCodeService(database, clock);
            CreditService credits = new CreditService(audit, clock);
            List<SettlementListener> settlementListeners = new ArrayList<>(options.settlementListeners());
            // Every listener, those added below too: also run for invoices that credit pays as they are issued.
            SettlementListener onPaid = (tx, paid) -> settlementListeners.forEach(l -> l.invoicePaid(tx, paid));
            OrderService orders = new OrderService(database, catalog, audit, clock, promos, credits, onPaid);
            settlementListeners.add(new PromoUseOnSettlement(promos));
            // Notices: private Nostr messages from the shop's key, recorded in the transaction of the event they tell.
            NotifyModule notify = NotifyModule.create(database, jobs, config, (tx, id) -> customers.byId(tx, id)
                            .filter(c -> c.status() == CustomerStatus.ACTIVE).map(Customer::pubkey), invoices,
                    LoginService.adminKeys(config.auth().adminNpubs()), NoticeHandler.KIND, clock, wallClock);
            handlers.putAll(notify.jobHandlers());
            periodic.addAll(notify.periodicTasks());
            settlementListeners.add(notify.onPaid());
            orders.onOrderPlaced(notify.onOrderPlaced());
            // Provisioning on WHM: a paid NEW invoice queues the cPanel account in the settlement's own transaction.
            SecretBox secretBox = SecretBox.fromBase64(config.secrets().encryptionKey());
            ProvisioningModule provisioning = ProvisioningModule.create(database, jobs, secretBox, audit, clock,
                    planId -> catalog.plan(planId).map(Plan::whmPackage), WhmTimeouts.DEFAULT, Duration.ofHours(1));
            provisioning.servers().upsertFromConfig(config.whmServers());
            // Admins hear of a provisioning job that gives up (DEAD); drift has a notice of its own.
            provisioning.jobHandlers().forEach((kind, handler) -> handlers.put(kind,
                    ProvisioningJobs.DRIFT_CHECK.equals(kind) ? handler : notify.watchForDeath(handler)));
            provisioning.listeners().add(notify.onProvisioning());
            periodic.addAll(provisioning.periodicTasks());
            customers.onAccountDeleted((tx, customerId, now) -> new AccountOverview(tx).services(customerId).stream()
                    .filter(line -> !"TERMINATED".equals(line.status()) && !"CANCELLED".equals(line.status()))
                    .forEach(line -> provisioning.service().requestTerminate(tx, line.id())));
            settlementListeners.add((tx, paid) -> {
                if ("NEW".equals(paid.kind())) {
                    provisioning.service().queueProvisioning(tx, paid.serviceId());
                }
            });

            // Billing lifecycle: renewal invoices, reminders, expiry and termination by a periodic sweep; renewals paid.
            HostrConfig.Billing billing = config.billing();
            RenewalSweep sweep = new RenewalSweep(database, jobs, provisioning.service(), audit, credits, onPaid, billing,
                    clock);
            handlers.put(RenewalSweep.KIND, sweep);
            periodic.add(sweep.periodicTask());
            settlementListeners.add(new RenewalSettlement(provisioning.service(), audit, billing));
            BillingAdminService billingAdmin = new BillingAdminService(database, provisioning.service(), invoices, credits,
                    audit, sweep, onPaid, clock);
            handlers.put(NotifyModule.REVIEW_QUEUE_KIND, notify.reviewQueueWatch(billingAdmin::reviewQueue));
            CustomerBillingService customerBilling = new CustomerBillingService(database, catalog, provisioning.service(),
                    credits, onPaid, audit, clock);

            SettlementService settlement = new SettlementService(database, strike, invoices, audit, settlementListeners, clock);
            PaymentService payments = new PaymentService(database, invoices, strike, settlement, clock);
            WebhookEventRepository webhookEvents = new WebhookEventRepository(database.dsl());
            JobSettlementQueue settlementQueue = new JobSettlementQueue(jobs, settlement);
            handlers.put(JobSettlementQueue.KIND, settlementQueue);
            handlers.put(StrikeReconciler.KIND, new StrikeReconciler(database, settlement, strike, webhookEvents, clock));
            periodic.add(new PeriodicTask(StrikeReconciler.KIND, Duration.ofSeconds(config.strike().reconcileSeconds())));

            ProfileService profiles = new ProfileService(customers, config.auth().relays(), wallClock);

            List<AutoCloseable> workers = new ArrayList<>();
            List<RouteGroup> routes = new ArrayList<>();
            routes.add(new HealthRoutes(database::ready));
            if (config.metrics().enabled()) {
                routes.add(new MetricsRoutes(meters, config.metrics().bearerToken()));
            }
            routes.add(new AuthFilter(login, customers, sessions, baseUrl));
            routes.add(new AuthRoutes(login, customers, sessions, config.auth().loginRatePerMinute(), baseUrl, options.demo(),
                    profiles::refreshLater));
            routes.add(org.hostr.auth.RemoteSignerRoutes.create(login, sessions, config.auth().relays(), options.shopName(),
                    config.auth().loginRatePerMinute(), baseUrl, profiles::refreshLater));
            AccountOverview overview = new AccountOverview(database.dsl());
            routes.add(new AccountRoutes(customers, overview, baseUrl, config.billing().currency(), wallClock,
                    notify::accountModel, customerBilling::planOffers));
            routes.add(new ProfileRoutes(profiles));
            routes.add(new StorefrontRoutes(catalog));
            routes.add(new CheckoutRoutes(catalog, orders));
            routes.add(new PaymentRoutes(orders, payments));
            routes.add(new PaywallRoutes(overview));
            routes.add(provisioning.routes());
            routes.add(new BillingAdminRoutes(billingAdmin));
            routes.add(AdminModule.create(database, catalog, jobs, provisioning, billingAdmin, audit, clock,
                    () -> sweep.lastRun().map(SweepReport::summary)).routes());
            routes.add(new CustomerBillingRoutes(customerBilling));
            routes.add(new ServiceForms(customerBilling));
            routes.add(notify.routes());
            routes.add(new StrikeWebhookRoutes(database, webhookEvents, settlementQueue, config.strike().webhookSecret(), clock));
            if (clock instanceof MovableClock movable) {
                routes.add(new ClockRoutes(movable));
            }
            routes.addAll(options.extraRoutes());

            ObjectMapper json = Json.mapper();
            WebApp.Settings settings = new WebApp.Settings(config.server().host(), config.server().port(),
                    new Pages.Site(options.shopName(), options.demo(), config.server().baseUrl()),
                    config.server().trustedProxyHeader(), 1_000_000, Duration.ofSeconds(20));
            Javalin web = WebApp.create(settings, json, meters, routes);
            web.start();
            // Workers start after the web server is up and stop after it: a request in flight may still enqueue work.
            // Jobs mostly wait on Strike and WHM (a createacct can take a minute), so threads are cheap and many. Jobs that
            // wait on WHM or on relays take at most half of them, so settlements queued behind slow panel calls find one free.
            Set<String> slowKinds = new HashSet<>(provisioning.jobHandlers().keySet());
            slowKinds.addAll(notify.jobHandlers().keySet());
            JobRunner runner = new JobRunner(jobs, handlers, JobSettings.DEFAULT.withThreads(JOB_THREADS))
                    .limitSlowKinds(slowKinds, JOB_THREADS / 2).start();
            PeriodicScheduler scheduler = new PeriodicScheduler(jobs, periodic, PeriodicScheduler.Settings.DEFAULT).start();
            workers.add(scheduler);
            notify.publishProfileNow(jobs, clock);
            workers.add(runner);
            workers.add(strike);
            workers.add(profiles);
            workers.add(provisioning::close);
            Application app = new Application(config, clock, database, web, workers);
            log.info("Hostr is listening on {}:{} ({} database), public URL {}", config.server().host(), web.port(),
                    database.engine().displayName(), config.server().baseUrl());
            return app;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static PrometheusMeterRegistry meters() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    public int port() {
        return web.port();
    }

    /** Every HTTP route as "METHOD /path", filters left out: lets tests check that each route is covered. */
    public List<String> routes() {
        return web.unsafe.internalRouter.allHttpHandlers().stream().map(parsed -> parsed.endpoint)
                .filter(endpoint -> endpoint.method.isHttpMethod())
                .map(endpoint -> endpoint.method.name() + " " + endpoint.path)
                .toList();
    }

    public HostrConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public Database database() {
        return database;
    }

    /** Stops in order: stop taking requests and finish those in flight, stop workers, close the pool. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        log.info("Hostr is stopping");
        web.stop();
        for (AutoCloseable worker : workers) {
            try {
                worker.close();
            } catch (Exception e) {
                log.warn("worker did not stop cleanly: {}", e.getMessage());
            }
        }
        database.close();
        log.info("Hostr stopped");
    }
}
