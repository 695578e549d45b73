package org.hostr.payments.strike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StrikeWebhookEventTest {

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void invoiceUpdatedIsRead() {
        byte[] body = bytes("""
                {"id":"5e1f","eventType":"invoice.updated","webhookVersion":"v1",
                 "data":{"entityId":"inv-1","changes":["state"]},
                 "created":"2025-03-01T10:00:00.1234567+00:00","deliverySuccess":false,"future":"ignored"}""");

        StrikeWebhookEvent event = StrikeWebhookEvent.parse(body);

        assertThat(event).isEqualTo(new StrikeWebhookEvent("5e1f", "invoice.updated", "v1", "inv-1",
                java.util.List.of("state"), Instant.parse("2025-03-01T10:00:00.1234567Z")));
    }

    @Test
    void createdEventWithoutChangesHasEmptyChanges() {
        StrikeWebhookEvent event = StrikeWebhookEvent.parse(bytes("{\"id\":\"e\",\"eventType\":\"invoice.created\",\"data\":{\"entityId\":\"i\"}}"));

        assertThat(event.changes()).isEmpty();
    }

    @Test
    void malformedJsonIsRejectedWithAClearMessage() {
        assertThatThrownBy(() -> StrikeWebhookEvent.parse(bytes("{\"id\": \"e\", ")))
                .isInstanceOf(StrikeWebhookPayloadException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void bodyWithoutIdIsRejected() {
        assertThatThrownBy(() -> StrikeWebhookEvent.parse(bytes("{\"eventType\":\"invoice.updated\"}")))
                .isInstanceOf(StrikeWebhookPayloadException.class)
                .hasMessageContaining("\"id\"");
    }

    @Test
    void bodyWithoutEventTypeIsRejected() {
        assertThatThrownBy(() -> StrikeWebhookEvent.parse(bytes("{\"id\":\"e\"}")))
                .isInstanceOf(StrikeWebhookPayloadException.class)
                .hasMessageContaining("\"eventType\"");
    }

    @Test
    void idsThatCannotBeStoredAreRejected() {
        // Found by the webhook fuzz drill: each of these was a 500 on PostgreSQL (NUL bytes, index row size).
        for (String body : java.util.List.of(
                "{\"id\":\"a\\u0000b\",\"eventType\":\"invoice.updated\"}",
                "{\"id\":\"e\",\"eventType\":\"\\u0000\"}",
                "{\"id\":\"e\",\"eventType\":\"invoice.updated\",\"data\":{\"entityId\":\"\\u0000inv\"}}",
                "{\"id\":\"\\ud800\",\"eventType\":\"invoice.updated\"}",
                "{\"id\":\"" + "f".repeat(201) + "\",\"eventType\":\"invoice.updated\"}")) {
            assertThatThrownBy(() -> StrikeWebhookEvent.parse(bytes(body))).as(body)
                    .isInstanceOf(StrikeWebhookPayloadException.class)
                    .hasMessageContaining("not an identifier");
        }
    }

    @Test
    void unicodeIdsOfReasonableLengthAreKept() {
        StrikeWebhookEvent event = StrikeWebhookEvent.parse(bytes("{\"id\":\"\u00e9v\u00e9nement-\uD83D\uDE00\",\"eventType\":"
                + "\"invoice.updated\",\"data\":{\"entityId\":\"" + "f".repeat(200) + "\"}}"));

        assertThat(event.id()).isEqualTo("\u00e9v\u00e9nement-\uD83D\uDE00");
        assertThat(event.entityId()).hasSize(200);
    }

    @Test
    void nonObjectBodyIsRejected() {
        assertThatThrownBy(() -> StrikeWebhookEvent.parse(bytes("[1,2]")))
                .isInstanceOf(StrikeWebhookPayloadException.class);
        assertThatThrownBy(() -> StrikeWebhookEvent.parse(new byte[0]))
                .isInstanceOf(StrikeWebhookPayloadException.class);
    }
}
