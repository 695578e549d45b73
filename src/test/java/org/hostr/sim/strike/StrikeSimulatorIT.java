package org.hostr.sim.strike;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's Strike API and control routes, spoken to over plain HTTP. */
class StrikeSimulatorIT {
    static final String KEY = "sk_test_sim_it_51c0";

    StrikeSimulator sim;
    SimCaller strike;

    @BeforeEach
    void start() {
        sim = new StrikeSimulator(StrikeSimulatorSettings.defaults(KEY)).start(0);
        strike = new SimCaller(sim.baseUrl(), KEY);
    }

    @AfterEach
    void stop() {
        sim.stop();
    }

    @Test
    void callWithoutTheKeyGetsA401Envelope() {
        SimCaller.Answer a = new SimCaller(sim.baseUrl(), null).get("/v1/invoices");

        assertThat(a.status()).isEqualTo(401);
        assertThat(a.json().path("data").path("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(a.json().path("data").path("status").asInt()).isEqualTo(401);
        assertThat(a.json().path("traceId").asText()).isNotBlank();
    }

    @Test
    void amountAsJsonNumberIsAccepted() {
        SimCaller.Answer a = strike.post("/v1/invoices", "{\"correlationId\":\"n1\",\"amount\":{\"amount\":12.5,\"currency\":\"USD\"}}");

        assertThat(a.status()).isEqualTo(201);
        assertThat(a.json().path("state").asText()).isEqualTo("UNPAID");
        assertThat(a.json().path("amount").path("amount").asText()).isEqualTo("12.5");
    }

    @Test
    void invalidInvoiceNamesEveryBadField() {
        SimCaller.Answer unparseable = strike.post("/v1/invoices", "{\"amount\":{\"amount\":\"ten\",\"currency\":\"XYZ\"}}");
        SimCaller.Answer missing = strike.post("/v1/invoices", "{\"correlationId\":\"m1\"}");

        assertThat(unparseable.status()).isEqualTo(400);
        assertThat(unparseable.json().path("data").path("code").asText()).isEqualTo("INVALID_DATA");
        assertThat(unparseable.json().path("data").path("validationErrors").path("amount.amount").get(0).path("code").asText())
                .isEqualTo("INVALID_AMOUNT");
        assertThat(unparseable.json().path("data").path("validationErrors").has("amount.currency")).isTrue();
        assertThat(missing.json().path("data").path("validationErrors").has("amount")).isTrue();
        assertThat(sim.invoiceCount()).isZero();
    }

    @Test
    void reusedCorrelationIdIsAConflict() {
        strike.newInvoice("dup-1", "1");

        SimCaller.Answer again = strike.post("/v1/invoices", "{\"correlationId\":\"dup-1\",\"amount\":{\"amount\":\"1\",\"currency\":\"USD\"}}");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("data").path("code").asText()).isEqualTo("DUPLICATE_INVOICE");
    }

    @Test
    void quoteCarriesTheAmountInSatsAndExpiresAfterItsLifetime() {
        String id = strike.newInvoice("q-1", "25.00");

        SimCaller.Answer q = strike.post("/v1/invoices/" + id + "/quote", null);

        assertThat(q.status()).isEqualTo(201);
        assertThat(q.json().path("lnInvoice").asText()).startsWith("lnbc250u1");
        assertThat(q.json().path("sourceAmount").path("amount").asText()).isEqualTo("0.00025000");
        assertThat(q.json().path("expirationInSec").asLong()).isEqualTo(30);
        assertThat(q.json().path("targetAmount").path("currency").asText()).isEqualTo("USD");
    }

    @Test
    void paidInvoiceCannotBeQuoted() {
        String id = strike.newInvoice("q-2", "1");
        sim.pay(id);

        SimCaller.Answer q = strike.post("/v1/invoices/" + id + "/quote", null);

        assertThat(q.status()).isEqualTo(422);
        assertThat(q.json().path("data").path("code").asText()).isEqualTo("INVALID_STATE_FOR_INVOICE_PAID");
    }

    @Test
    void heldPaymentStaysPendingUntilPaidAgain() {
        String id = strike.newInvoice("h-1", "1");

        SimCaller.Answer held = strike.post("/sim/invoices/" + id + "/pay?hold=true", null);
        SimInvoiceState pendingState = sim.invoiceState(id).orElseThrow();
        strike.post("/sim/invoices/" + id + "/pay", null);

        assertThat(held.json().path("state").asText()).isEqualTo("PENDING");
        assertThat(pendingState).isEqualTo(SimInvoiceState.PENDING);
        assertThat(sim.invoiceState(id)).contains(SimInvoiceState.PAID);
    }

    @Test
    void pendingInvoiceCannotBeCancelled() {
        String id = strike.newInvoice("c-1", "1");
        strike.post("/sim/invoices/" + id + "/pending", null);

        SimCaller.Answer cancel = strike.send("PATCH", "/v1/invoices/" + id + "/cancel", null);

        assertThat(cancel.status()).isEqualTo(422);
        assertThat(sim.invoiceState(id)).contains(SimInvoiceState.PENDING);
    }

    @Test
    void listFiltersByStateAndCorrelationId() {
        String paid = strike.newInvoice("f-1", "1");
        strike.newInvoice("f-2", "1");
        sim.pay(paid);

        SimCaller.Answer byState = strike.get("/v1/invoices?%24filter=state%20eq%20%27PAID%27");
        SimCaller.Answer byCorrelation = strike.get("/v1/invoices?$filter=correlationId%20eq%20'f-2'&$top=1");

        assertThat(byState.json().path("count").asInt()).isEqualTo(1);
        assertThat(byState.json().path("items").get(0).path("invoiceId").asText()).isEqualTo(paid);
        assertThat(byCorrelation.json().path("items").get(0).path("correlationId").asText()).isEqualTo("f-2");
    }

    @Test
    void subscriptionSecretIsNeverEchoed() {
        SimCaller.Answer created = strike.post("/v1/subscriptions", "{\"webhookUrl\":\"https://hostr.example/webhooks/strike\","
                + "\"webhookVersion\":\"v1\",\"secret\":\"s3cret-value-123\",\"enabled\":true,\"eventTypes\":[\"invoice.updated\"]}");
        SimCaller.Answer listed = strike.get("/v1/subscriptions");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().has("secret")).isFalse();
        assertThat(listed.json().toString()).doesNotContain("s3cret-value-123");
    }

    @Test
    void plainHttpWebhookUrlIsRefusedUnlessLoopback() {
        SimCaller.Answer a = strike.post("/v1/subscriptions", "{\"webhookUrl\":\"http://hostr.example/hook\","
                + "\"secret\":\"s3cret-value-123\",\"eventTypes\":[\"invoice.updated\"]}");

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().path("data").path("validationErrors").has("webhookUrl")).isTrue();
    }

    @Test
    void faultsCanBeSwitchedOverHttp() {
        strike.post("/sim/faults", "{\"failNextRequests\":1,\"failStatus\":429}");

        SimCaller.Answer limited = strike.get("/v1/rates/ticker");
        SimCaller.Answer next = strike.get("/v1/rates/ticker");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().path("data").path("code").asText()).isEqualTo("RATE_LIMIT_EXCEEDED");
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.json().size()).isEqualTo(30);
    }

    @Test
    void unknownRouteIsANotFoundEnvelope() {
        SimCaller.Answer a = strike.get("/v1/nothing-here");

        assertThat(a.status()).isEqualTo(404);
        assertThat(a.json().path("data").path("code").asText()).isEqualTo("NOT_FOUND");
    }
}
