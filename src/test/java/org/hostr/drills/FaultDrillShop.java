package org.hostr.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hostr.db.generated.Tables.AUDIT_LOG;
import static org.hostr.db.generated.Tables.INVOICES;
import static org.hostr.db.generated.Tables.JOBS;
import static org.hostr.db.generated.Tables.PAYMENTS;
import static org.hostr.db.generated.Tables.SERVICES;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hostr.config.HostrConfig;
import org.hostr.payments.strike.StrikeClient;
import org.hostr.payments.strike.StrikeRetryPolicy;
import org.hostr.sim.strike.StrikeSimulator;
import org.hostr.sim.strike.StrikeSimulatorSettings;
import org.hostr.sim.whm.SimAccount;
import org.hostr.sim.whm.WhmSimulator;
import org.hostr.testing.TestApp;
import org.hostr.testing.TestDatabases.Kind;
import org.hostr.testing.TestNostr;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * One Hostr with the Strike and WHM simulators, subscribed to Strike's webhooks as an operator sets it up, for the
 * fault drills: place and pay orders, then check that each was settled once and provisioned once.
 */
final class FaultDrillShop implements AutoCloseable {
    static final String STRIKE_KEY = "drill-strike-key";
    private static final int CUSTOMERS = 5;

    final StrikeSimulator strike = new StrikeSimulator(StrikeSimulatorSettings.defaults(STRIKE_KEY)).start(0);
    final WhmSimulator whm = new WhmSimulator().start(0);
    final TestApp app;
    private final List<TestNostr.Session> customers = new ArrayList<>();

    FaultDrillShop(Kind kind, int reconcileSeconds) {
        try {
            app = TestApp.start(kind, c -> withSimulators(c, reconcileSeconds), List.of());
        } catch (RuntimeException e) {
            strike.stop();
            whm.stop();
            throw e;
        }
        try (StrikeClient client = strikeClient()) {
            client.createSubscription(app.url("/webhooks/strike"), TestApp.WEBHOOK_SECRET, List.of("invoice.updated"));
        }
        for (int k = 0; k < CUSTOMERS; k++) {
            customers.add(new TestNostr().logIn(app));
        }
    }

    private HostrConfig withSimulators(HostrConfig c, int reconcileSeconds) {
        return new HostrConfig(c.server(), c.database(), c.auth(),
                new HostrConfig.Strike(strike.baseUrl(), STRIKE_KEY, TestApp.WEBHOOK_SECRET, "USD", reconcileSeconds),
                c.billing(), c.secrets(), c.metrics(), c.dev(), c.notices(), c.plans(),
                List.of(new HostrConfig.WhmServerEntry("whm-1", whm.baseUrl(), WhmSimulator.DEFAULT_USER,
                        WhmSimulator.DEFAULT_TOKEN, 1000, "", true)));
    }

    StrikeClient strikeClient() {
        return new StrikeClient(strike.baseUrl(), STRIKE_KEY, Duration.ofSeconds(2), Duration.ofSeconds(5),
                StrikeRetryPolicy.defaults(), Clock.systemUTC());
    }

    DSLContext db() {
        return app.app().database().dsl();
    }

    /**
     * Places {@code count} orders over the customers and pays each from a wallet; returns the invoice numbers. The
     * domains are {@code <prefix><i>.example}, so each cPanel username (the domain's first 8 letters and digits) differs.
     */
    List<String> orderAndPay(int count, String prefix) {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TestNostr.Session customer = customers.get(i % customers.size());
            HttpResponse<String> order = post(customer, "/api/v1/orders",
                    "{\"plan\":\"basic\",\"domain\":\"" + prefix + i + ".example\"}");
            assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
            String number = TwoInstanceShop.field(order.body(), "/invoice/number");
            HttpResponse<String> pay = post(customer, "/api/v1/invoices/" + number + "/pay", null);
            assertThat(pay.statusCode()).as(pay.body()).isEqualTo(200);
            strike.payLnInvoice(TwoInstanceShop.field(pay.body(), "/bolt11"));
            numbers.add(number);
        }
        return numbers;
    }

    private HttpResponse<String> post(TestNostr.Session s, String path, String json) {
        return app.send(HttpRequest.newBuilder(URI.create(app.url(path))).timeout(Duration.ofSeconds(30))
                .header("Cookie", s.cookie()).header("X-CSRF-Token", s.csrf()).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    /** Each invoice PAID with exactly one PAID payment and one {@code invoice.paid} audit line; nothing else paid. */
    void assertEachSettledOnce(List<String> numbers) {
        DSLContext db = db();
        assertThat(db.select(INVOICES.NUMBER).from(INVOICES).where(INVOICES.STATUS.eq("PAID")).fetch(INVOICES.NUMBER))
                .containsExactlyInAnyOrderElementsOf(numbers);
        assertThat(db.select(PAYMENTS.INVOICE_ID).from(PAYMENTS).where(PAYMENTS.STATE.eq("PAID")).fetch(PAYMENTS.INVOICE_ID))
                .hasSize(numbers.size()).doesNotHaveDuplicates();
        assertThat(db.fetchCount(PAYMENTS, PAYMENTS.STATE.ne("PAID"))).isZero();
        assertThat(db.select(AUDIT_LOG.SUBJECT).from(AUDIT_LOG).where(AUDIT_LOG.ACTION.eq("invoice.paid"))
                .fetch(AUDIT_LOG.SUBJECT)).containsExactlyInAnyOrderElementsOf(numbers);
        assertThat(strike.invoiceCount()).isEqualTo(numbers.size());
    }

    /** Every service ACTIVE, with one cPanel account on WHM made by one createacct; no job gave up. */
    void assertEachProvisionedOnce(int services) {
        DSLContext db = db();
        List<String> domains = db.select(SERVICES.DOMAIN).from(SERVICES).fetch(SERVICES.DOMAIN);
        assertThat(domains).hasSize(services);
        assertThat(db.fetchCount(SERVICES, SERVICES.STATUS.ne("ACTIVE"))).isZero();
        assertThat(whm.accounts()).extracting(SimAccount::domain).containsExactlyInAnyOrderElementsOf(domains);
        assertThat(whm.createAccountCalls()).isEqualTo(services);
        assertThat(db.select(JOBS.IDEMPOTENCY_KEY, JOBS.LAST_ERROR).from(JOBS).where(JOBS.STATUS.eq("DEAD")).fetch())
                .isEmpty();
    }

    /** Until every service is ACTIVE and no job but the periodic ones is still queued or running. */
    void awaitAllActiveAndQuiet(int services) throws InterruptedException {
        DSLContext db = db();
        try {
            Eventually.await(services + " services ACTIVE", () -> db.fetchCount(SERVICES, SERVICES.STATUS.eq("ACTIVE")) == services);
            Eventually.await("queued jobs done", () -> db.fetchCount(JOBS,
                    JOBS.STATUS.in("QUEUED", "RUNNING").and(JOBS.IDEMPOTENCY_KEY.notLike("periodic:%"))) == 0);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; services by status "
                    + db.select(SERVICES.STATUS, DSL.count()).from(SERVICES).groupBy(SERVICES.STATUS).fetchMap(SERVICES.STATUS, DSL.count())
                    + ", jobs not done " + db.select(JOBS.IDEMPOTENCY_KEY, JOBS.STATUS, JOBS.ATTEMPTS, JOBS.LAST_ERROR).from(JOBS)
                    .where(JOBS.STATUS.ne("DONE")).limit(10).fetch(), e);
        }
    }

    @Override
    public void close() {
        app.close();
        strike.stop();
        whm.stop();
    }
}
