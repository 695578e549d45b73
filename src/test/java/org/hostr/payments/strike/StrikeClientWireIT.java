package org.hostr.payments.strike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the client puts on the wire and how it reads odd answers, against canned responses. */
class StrikeClientWireIT {
    static final String KEY = "sk_test_wire_8d1e";
    static final String INVOICE = """
            {"invoiceId":"7c1a","amount":{"amount":"0.00001","currency":"BTC"},"state":"UNPAID",
             "created":"2025-05-01T12:00:00+00:00","correlationId":"INV-1"}""";

    final ScriptedStrike strike = new ScriptedStrike();
    final StrikeClient client = new StrikeClient(strike.baseUrl(), KEY, Duration.ofSeconds(1), Duration.ofSeconds(1),
            new StrikeRetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20)), Clock.systemUTC());

    @AfterEach
    void close() {
        client.close();
        strike.close();
    }

    @Test
    void nonJsonBadGatewayIsApiUnavailable() {
        strike.answer(502, "text/html", "<html><body>502 Bad Gateway</body></html>");

        StrikeUnavailableException e = catchThrowableOfType(StrikeUnavailableException.class, () -> client.getInvoice("7c1a"));

        assertThat(e.code()).isEqualTo("API_UNAVAILABLE");
        assertThat(e.status()).isEqualTo(502);
        assertThat(strike.received).hasSize(3);
    }

    @Test
    void newInvoiceGoesOutWithAmountAsStringAndBearerKey() throws Exception {
        strike.json(201, INVOICE);

        StrikeInvoice invoice = client.createInvoice("INV-1", "Hosting", new BigDecimal("1E-5"), "BTC");

        ScriptedStrike.Received post = strike.received.get(0);
        JsonNode body = StrikeJson.MAPPER.readTree(post.body());
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.path()).isEqualTo("/v1/invoices");
        assertThat(post.authorization()).isEqualTo("Bearer " + KEY);
        assertThat(post.accept()).isEqualTo("application/json");
        assertThat(post.contentType()).startsWith("application/json");
        assertThat(body.path("amount").path("amount").isTextual()).isTrue();
        assertThat(body.path("amount").path("amount").asText()).isEqualTo("0.00001");
        assertThat(body.path("correlationId").asText()).isEqualTo("INV-1");
        assertThat(invoice.created()).isEqualTo(Instant.parse("2025-05-01T12:00:00Z"));
    }

    @Test
    void correlationIdFilterIsAnEscapedODataLiteral() {
        strike.json(200, "{\"items\":[],\"count\":0}");

        client.findInvoiceByCorrelationId("a'b c&d+e");

        Map<String, String> query = decode(strike.received.get(0).rawQuery());
        assertThat(query).containsEntry("$filter", "correlationId eq 'a''b c&d+e'");
    }

    @Test
    void lookUpIgnoresInvoicesOfOtherCorrelationIds() {
        // a server that ignored $filter must not make someone else's invoice ours
        strike.json(200, "{\"items\":[" + INVOICE + "],\"count\":1}");

        assertThat(client.findInvoiceByCorrelationId("INV-2")).isEmpty();
        assertThat(client.findInvoiceByCorrelationId("INV-1")).isPresent();
    }

    @Test
    void errorEnvelopeIsReadIntoTheException() {
        strike.json(422, """
                {"traceId":"0HN-trace-1","data":{"status":422,"code":"INVALID_STATE_FOR_INVOICE_PAID","message":"Invoice is paid"}}""");

        StrikeApiException e = catchThrowableOfType(StrikeApiException.class, () -> client.createQuote("7c1a"));

        assertThat(e.status()).isEqualTo(422);
        assertThat(e.code()).isEqualTo("INVALID_STATE_FOR_INVOICE_PAID");
        assertThat(e.traceId()).isEqualTo("0HN-trace-1");
        assertThat(e.getMessage()).contains("POST /v1/invoices/7c1a/quote", "422", "Invoice is paid", "0HN-trace-1");
        assertThat(strike.received).hasSize(1);
    }

    @Test
    void keyEchoedInAnErrorIsRedacted() {
        strike.json(401, "{\"data\":{\"status\":401,\"code\":\"UNAUTHORIZED\",\"message\":\"token " + KEY + " is revoked\"}}");

        StrikeAuthException e = catchThrowableOfType(StrikeAuthException.class, client::ratesTicker);

        assertThat(e.getMessage()).doesNotContain(KEY).contains("[redacted]", "strike.api_key");
    }

    @Test
    void forbiddenIsAnAuthFailureAndNotRetried() {
        strike.json(403, "{\"data\":{\"status\":403,\"code\":\"FORBIDDEN\"}}");

        StrikeAuthException e = catchThrowableOfType(StrikeAuthException.class, () -> client.createQuote("7c1a"));

        assertThat(e.status()).isEqualTo(403);
        assertThat(strike.received).hasSize(1);
    }

    @Test
    void emptyCancelAnswerIsFollowedByARead() {
        strike.answer(200, "application/json", "").json(200, INVOICE.replace("UNPAID", "CANCELLED"));

        StrikeInvoice invoice = client.cancelInvoice("7c1a");

        assertThat(invoice.state()).isEqualTo(StrikeInvoiceState.CANCELLED);
        assertThat(strike.received).extracting(ScriptedStrike.Received::method).containsExactly("PATCH", "GET");
    }

    @Test
    void eventsAreReadFromABareArrayToo() {
        strike.json(200, """
                [{"id":"e1","eventType":"invoice.updated","webhookVersion":"v1","data":{"entityId":"7c1a","changes":["state"]},
                  "created":"2025-05-01T12:00:01+00:00","deliverySuccess":true}]""");

        List<StrikeEvent> events = client.listEvents(Instant.parse("2025-05-01T12:00:00Z"), 500);

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.entityId()).isEqualTo("7c1a");
            assertThat(e.deliverySuccess()).isTrue();
        });
        assertThat(decode(strike.received.get(0).rawQuery())).containsEntry("$filter", "created ge 2025-05-01T12:00:00Z")
                .containsEntry("$orderby", "created asc").containsEntry("$top", "100");
    }

    private static Map<String, String> decode(String rawQuery) {
        Map<String, String> out = new HashMap<>();
        for (String pair : rawQuery.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0].replace("+", "%2B"), StandardCharsets.UTF_8),
                    URLDecoder.decode(kv[1].replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return out;
    }
}
