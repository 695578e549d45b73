package org.hostr.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hostr.db.generated.Tables.SERVICES;
import static org.hostr.db.generated.Tables.WEBHOOK_EVENTS;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.hostr.payments.strike.StrikeWebhookSignature;
import org.hostr.testing.TestApp;
import org.hostr.testing.TestDatabases.Kind;
import org.hostr.testing.TestNostr;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the fuzz drills found, kept as plain cases: each was a 500 on PostgreSQL. */
class FuzzFindingsIT {
    private static TestApp app;
    private static TestNostr.Session customer;

    @BeforeAll
    static void start() {
        app = TestApp.start(Kind.POSTGRES);
        customer = new TestNostr().logIn(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void signedWebhookWithNulInItsIdIsRefusedNotStored() {
        HttpResponse<String> answer = webhook("{\"id\":\"a\\u0000b\",\"eventType\":\"invoice.updated\",\"data\":{\"entityId\":\"x\"}}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(db().fetchCount(WEBHOOK_EVENTS, WEBHOOK_EVENTS.EVENT_ID.like("a%b"))).isZero();
    }

    @Test
    void signedWebhookWithAnIdTooLongToIndexIsRefusedNotStored() {
        String id = "f".repeat(201);

        HttpResponse<String> answer = webhook("{\"id\":\"" + id + "\",\"eventType\":\"invoice.updated\"}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(db().fetchCount(WEBHOOK_EVENTS, WEBHOOK_EVENTS.EVENT_ID.eq(id))).isZero();
    }

    @Test
    void orderForAPlanWithNulInItsNameIsAnUnknownPlan() {
        HttpResponse<String> answer = post("/api/v1/orders", "application/json",
                "{\"plan\":\"ba\\u0000sic\",\"domain\":\"nul-plan.example\"}");

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("unknown_plan");
    }

    @Test
    void orderFormWithNulInItsIdempotencyKeyIsRefusedAndPlacesNothing() {
        HttpResponse<String> answer = post("/order/basic", "application/x-www-form-urlencoded",
                "domain=nul-key.example&idempotency_key=a%00b");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("control characters");
        assertThat(db().fetchCount(SERVICES, SERVICES.DOMAIN.eq("nul-key.example"))).isZero();
    }

    private static HttpResponse<String> webhook(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return app.send(HttpFuzzer.request(app.url("/webhooks/strike")).header("Content-Type", "application/json")
                .header(StrikeWebhookSignature.HEADER, StrikeWebhookSignature.sign(body, TestApp.WEBHOOK_SECRET))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static HttpResponse<String> post(String path, String contentType, String body) {
        return app.send(HttpFuzzer.request(app.url(path)).header("Cookie", customer.cookie())
                .header("X-CSRF-Token", customer.csrf()).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static DSLContext db() {
        return app.app().database().dsl();
    }
}
