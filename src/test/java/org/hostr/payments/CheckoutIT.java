package org.hostr.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.hostr.config.HostrConfig;
import org.hostr.payments.strike.StrikeClient;
import org.hostr.payments.strike.StrikeRetryPolicy;
import org.hostr.sim.strike.StrikeSimulator;
import org.hostr.sim.strike.StrikeSimulatorSettings;
import org.hostr.testing.TestApp;
import org.hostr.testing.TestDatabases.Kind;
import org.hostr.testing.TestNostr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The whole checkout over HTTP: a real Hostr, the Strike simulator, signed webhooks, the reconciler. */
class CheckoutIT {
    static final String KEY = "test-strike-key";

    private static HostrConfig withStrike(HostrConfig c, String baseUrl) {
        HostrConfig.Strike s = c.strike();
        return new HostrConfig(c.server(), c.database(), c.auth(),
                new HostrConfig.Strike(baseUrl, KEY, s.webhookSecret(), s.invoiceCurrency(), 1),
                c.billing(), c.secrets(), c.metrics(), c.dev(), c.notices(), c.plans(), c.whmServers());
    }

    private static HttpResponse<String> post(TestApp app, TestNostr.Session s, String path, String json) {
        return app.send(HttpRequest.newBuilder(URI.create(app.url(path))).timeout(Duration.ofSeconds(30))
                .header("Cookie", s.cookie()).header("X-CSRF-Token", s.csrf()).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static String field(String json, String name) {
        return json.replaceAll("(?s).*\"" + name + "\":\"([^\"]+)\".*", "$1");
    }

    private static void eventually(Supplier<Boolean> condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("condition not met in 20 s");
            }
            Thread.sleep(100);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void orderPayAndSettleThroughASignedWebhook(Kind kind) throws Exception {
        try (StrikeSimulator sim = new StrikeSimulator(StrikeSimulatorSettings.defaults(KEY)).start(0);
             TestApp app = TestApp.start(kind, c -> withStrike(c, sim.baseUrl()), List.of());
             StrikeClient admin = new StrikeClient(sim.baseUrl(), KEY, Duration.ofSeconds(2), Duration.ofSeconds(5),
                     StrikeRetryPolicy.defaults(), Clock.systemUTC())) {
            admin.createSubscription(app.url("/webhooks/strike"), TestApp.WEBHOOK_SECRET, List.of("invoice.updated"));
            TestNostr.Session s = new TestNostr().logIn(app);

            HttpResponse<String> order = post(app, s, "/api/v1/orders", "{\"plan\":\"basic\",\"domain\":\"my-site.example\"}");
            assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
            String number = order.body().replaceAll("(?s).*\"number\":\"(INV-[0-9-]+)\".*", "$1");

            HttpResponse<String> pay = post(app, s, "/api/v1/invoices/" + number + "/pay", null);
            assertThat(pay.statusCode()).as(pay.body()).isEqualTo(200);
            String bolt11 = field(pay.body(), "bolt11");
            assertThat(bolt11).startsWith("lnbc");
            assertThat(app.get("/api/v1/paywall", "Cookie", s.cookie()).body()).contains(number, "\"total_minor\":500");
            assertThat(app.get("/account", "Cookie", s.cookie()).body()).contains("Payment due", "Pay " + number);

            sim.payLnInvoice(bolt11);

            eventually(() -> app.get("/api/v1/invoices/" + number, "Cookie", s.cookie()).body().contains("\"status\":\"PAID\""));
            assertThat(app.get("/api/v1/me", "Cookie", s.cookie()).body()).contains("\"status\":\"PROVISIONING\"");
            assertThat(sim.invoiceCount()).isEqualTo(1);
            assertThat(app.get("/api/v1/paywall", "Cookie", s.cookie()).body()).contains("\"unpaid_invoices\":[]");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void lostWebhooksAreMadeGoodByTheReconciler(Kind kind) throws Exception {
        try (StrikeSimulator sim = new StrikeSimulator(StrikeSimulatorSettings.defaults(KEY)).start(0);
             TestApp app = TestApp.start(kind, c -> withStrike(c, sim.baseUrl()), List.of())) {
            sim.faults().dropWebhooks(true);
            TestNostr.Session s = new TestNostr().logIn(app);
            String number = post(app, s, "/api/v1/orders", "{\"plan\":\"basic\",\"domain\":\"lost-hooks.example\"}").body()
                    .replaceAll("(?s).*\"number\":\"(INV-[0-9-]+)\".*", "$1");
            String bolt11 = field(post(app, s, "/api/v1/invoices/" + number + "/pay", null).body(), "bolt11");

            sim.payLnInvoice(bolt11);

            eventually(() -> app.get("/api/v1/invoices/" + number, "Cookie", s.cookie()).body().contains("\"status\":\"PAID\""));
            // The undelivered events were read from Strike's event list and stored as if they had arrived
            String strikeId = app.app().database().dsl().select(org.hostr.db.generated.Tables.PAYMENTS.PROVIDER_INVOICE_ID)
                    .from(org.hostr.db.generated.Tables.PAYMENTS).fetchOne(org.hostr.db.generated.Tables.PAYMENTS.PROVIDER_INVOICE_ID);
            WebhookEventRepository events = new WebhookEventRepository(app.app().database().dsl());
            eventually(() -> events.entityIds().contains(strikeId));
        }
    }

    /** Strike allows 1,000 reads in 10 minutes: open payments and missed events are read in lists, not one a call. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void theReconcilerReadsManyOpenPaymentsInAFewCalls(Kind kind) throws Exception {
        try (StrikeSimulator sim = new StrikeSimulator(StrikeSimulatorSettings.defaults(KEY)).start(0);
             TestApp app = TestApp.start(kind, c -> withStrike(c, sim.baseUrl()), List.of())) {
            // given: 45 quoted orders whose webhooks never arrive
            sim.faults().dropWebhooks(true);
            TestNostr.Session s = new TestNostr().logIn(app);
            int orders = 45;
            List<String> numbers = new java.util.ArrayList<>();
            List<String> bolt11s = new java.util.ArrayList<>();
            for (int i = 0; i < orders; i++) {
                String number = post(app, s, "/api/v1/orders", "{\"plan\":\"basic\",\"domain\":\"open-" + i + ".example\"}").body()
                        .replaceAll("(?s).*\"number\":\"(INV-[0-9-]+)\".*", "$1");
                numbers.add(number);
                bolt11s.add(field(post(app, s, "/api/v1/invoices/" + number + "/pay", null).body(), "bolt11"));
            }
            int before = sim.apiRequests();

            // when
            bolt11s.forEach(sim::payLnInvoice);

            // then: all settled by the reconciler (every second) in fewer calls than there are invoices
            org.jooq.DSLContext db = app.app().database().dsl();
            eventually(() -> db.fetchCount(org.hostr.db.generated.Tables.INVOICES,
                    org.hostr.db.generated.Tables.INVOICES.STATUS.eq("PAID")) == orders);
            assertThat(sim.apiRequests() - before).isLessThan(orders);
            assertThat(db.fetchCount(org.hostr.db.generated.Tables.AUDIT_LOG,
                    org.hostr.db.generated.Tables.AUDIT_LOG.ACTION.eq("invoice.paid"))).isEqualTo(orders);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void promoCodeLowersTheInvoiceAndIsCountedWhenPaid(Kind kind) throws Exception {
        try (StrikeSimulator sim = new StrikeSimulator(StrikeSimulatorSettings.defaults(KEY)).start(0);
             TestApp app = TestApp.start(kind, c -> withStrike(c, sim.baseUrl()), List.of())) {
            org.hostr.billing.PromoCodeService promos =
                    new org.hostr.billing.PromoCodeService(app.app().database(), Clock.systemUTC());
            promos.create(org.hostr.billing.NewPromoCode.percent("SAVE20", 20).withMaxUses(1L));
            TestNostr.Session s = new TestNostr().logIn(app);

            HttpResponse<String> unknown = post(app, s, "/api/v1/orders",
                    "{\"plan\":\"basic\",\"domain\":\"promo.example\",\"promo_code\":\"NOPE\"}");
            assertThat(unknown.statusCode()).isEqualTo(422);
            assertThat(unknown.body()).contains("unknown_promo");

            HttpResponse<String> order = post(app, s, "/api/v1/orders",
                    "{\"plan\":\"basic\",\"domain\":\"promo.example\",\"promo_code\":\"save20\"}");
            assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
            assertThat(order.body()).contains("\"total_minor\":400");
            String number = order.body().replaceAll("(?s).*\"number\":\"(INV-[0-9-]+)\".*", "$1");
            assertThat(promos.list().get(0).uses()).isZero();

            sim.payLnInvoice(field(post(app, s, "/api/v1/invoices/" + number + "/pay", null).body(), "bolt11"));

            eventually(() -> app.get("/api/v1/invoices/" + number, "Cookie", s.cookie()).body().contains("\"status\":\"PAID\""));
            assertThat(promos.list().get(0).uses()).isEqualTo(1);
        }
    }
}
