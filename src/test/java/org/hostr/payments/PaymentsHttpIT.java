package org.hostr.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hostr.db.generated.Tables.WEBHOOK_EVENTS;

import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hostr.auth.Viewer;
import org.hostr.billing.OrderService;
import org.hostr.payments.strike.StrikeWebhookSignature;
import org.hostr.testing.TestDatabases.Kind;
import org.hostr.web.Json;
import org.hostr.web.Pages;
import org.hostr.web.RouteGroup;
import org.hostr.web.WebApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The routes over real HTTP: webhooks as Strike sends them, and orders/payments as the pay page calls them. */
class PaymentsHttpIT {
    private static final String SECRET = "test-webhook-secret";

    private PaymentsFixture f;
    private Javalin app;
    private final List<String> queued = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        f = new PaymentsFixture(Kind.SQLITE);
        // The auth feature sets the viewer from the session; here a test header names the customer.
        RouteGroup testLogin = routes -> routes.before(ctx -> {
            String id = ctx.header("X-Test-Customer");
            if (id != null) {
                ctx.attribute(Pages.VIEWER, new Viewer(Long.parseLong(id), "00", "npub1test", false, Viewer.Via.NIP98));
            }
        });
        OrderService orders = f.billing.orders;
        List<RouteGroup> groups = List.of(testLogin, new PaymentRoutes(orders, f.payments),
                new StrikeWebhookRoutes(f.billing.db, new WebhookEventRepository(f.billing.db.dsl()), (eventId, id) -> queued.add(id), SECRET, f.billing.clock));
        app = WebApp.create(new WebApp.Settings("127.0.0.1", 0, new Pages.Site("Hostr test", false, "http://127.0.0.1"),
                null, 1_000_000, Duration.ZERO), Json.mapper(), null, groups).start();
    }

    @AfterEach
    void stop() {
        app.stop();
        f.close();
    }

    @Test
    void missingOrWrongSignatureIsRefusedAndNothingStored() throws Exception {
        byte[] body = event("evt-1", "inv-1");

        assertThat(webhook(body, null).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = webhook(body, StrikeWebhookSignature.sign(body, "another-secret"));

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("\"error\":\"bad_signature\"");
        assertThat(f.billing.db.dsl().fetchCount(WEBHOOK_EVENTS)).isZero();
        assertThat(queued).isEmpty();
    }

    @Test
    void signedButMalformedBodyIsA400AndNothingStored() throws Exception {
        byte[] body = "{not json".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> answer = webhook(body, StrikeWebhookSignature.sign(body, SECRET));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(f.billing.db.dsl().fetchCount(WEBHOOK_EVENTS)).isZero();
    }

    @Test
    void duplicateWebhookIsStoredOnce() throws Exception {
        byte[] body = event("evt-2", "inv-2");
        String signature = StrikeWebhookSignature.sign(body, SECRET);

        assertThat(webhook(body, signature).statusCode()).isEqualTo(200);
        assertThat(webhook(body, signature).statusCode()).isEqualTo(200);

        assertThat(f.billing.db.dsl().fetchCount(WEBHOOK_EVENTS)).isEqualTo(1);
        assertThat(queued).contains("inv-2");
    }

    @Test
    void oversizedWebhookIsA413EveryTime() throws Exception {
        // Answered before the sender has finished writing, a refusal can be lost to the connection's reset: repeat it.
        byte[] body = new byte[4 * StrikeWebhookRoutes.MAX_BYTES];
        String signature = StrikeWebhookSignature.sign(body, SECRET);
        for (int i = 0; i < 20; i++) {
            assertThat(webhook(body, signature).statusCode()).as("declared length, try %d", i).isEqualTo(413);
            HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + StrikeWebhookRoutes.PATH))
                    .header(StrikeWebhookSignature.HEADER, signature)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
            HttpResponse<String> answer = http.send(chunked, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("chunked, try %d", i).isEqualTo(413);
            assertThat(answer.body()).contains("\"error\":\"too_large\"");
        }
        assertThat(f.billing.db.dsl().fetchCount(WEBHOOK_EVENTS)).isZero();
    }

    @Test
    void orderThenPayOverHttp() throws Exception {
        long customer = f.billing.newCustomer();

        HttpResponse<String> order = send("POST", "/api/v1/orders", customer, "{\"plan\":\"basic\",\"domain\":\"http.com\"}");
        assertThat(order.statusCode()).isEqualTo(201);
        assertThat(order.body()).contains("\"number\":\"INV-2026-000001\"").contains("\"total_minor\":600");

        HttpResponse<String> pay = send("POST", "/api/v1/invoices/INV-2026-000001/pay", customer, "");
        assertThat(pay.statusCode()).isEqualTo(200);
        assertThat(pay.body()).contains("\"bolt11\":\"lnbc").contains("\"amount_sats\":6000").contains("\"expires_at\"");

        HttpResponse<String> status = send("GET", "/api/v1/invoices/INV-2026-000001", customer, null);
        assertThat(status.body()).contains("\"status\":\"UNPAID\"").contains("\"state\":\"UNPAID\"");

        HttpResponse<String> qr = send("GET", "/invoices/INV-2026-000001/qr.svg", customer, null);
        assertThat(qr.body()).startsWith("<svg");

        long stranger = f.billing.newCustomer();
        assertThat(send("GET", "/api/v1/invoices/INV-2026-000001", stranger, null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/v1/orders", customer, "{\"plan\":\"basic\",\"domain\":\"http.com\"}").body())
                .contains("domain_taken");
        assertThat(send("POST", "/api/v1/orders", customer, "{\"plan\":\"basic\",\"domain\":\"bad domain\"}").statusCode())
                .isEqualTo(400);
    }

    private HttpResponse<String> send(String method, String path, long customer, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("X-Test-Customer", Long.toString(customer))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> webhook(byte[] body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/webhooks/strike"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header(StrikeWebhookSignature.HEADER, signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] event(String id, String entityId) {
        return ("{\"id\":\"" + id + "\",\"eventType\":\"invoice.updated\",\"webhookVersion\":\"v1\","
                + "\"data\":{\"entityId\":\"" + entityId + "\",\"changes\":[\"state\"]},\"created\":\"2026-01-31T10:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
