package org.hostr.payments.strike;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Strike JSON to records and back. Reading is tolerant on purpose: unknown fields are ignored, enums fall back to
 * UNKNOWN, amounts may be strings (documented) or numbers (seen from other clients), and a missing optional field is
 * null rather than an error.
 */
final class StrikeJson {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** The longest webhook id, event type or entity id accepted. */
    static final int MAX_WEBHOOK_ID = 200;

    private StrikeJson() {
    }

    static StrikeInvoice invoice(JsonNode n) {
        return new StrikeInvoice(text(n, "invoiceId"), text(n, "correlationId"), text(n, "description"),
                amount(n.path("amount")), StrikeInvoiceState.parse(text(n, "state")), instant(n, "created"),
                text(n, "issuerId"), text(n, "receiverId"), text(n, "payerId"));
    }

    /** @param now used only if Strike omits {@code expiration}: then it is now + {@code expirationInSec} */
    static StrikeQuote quote(JsonNode n, Instant now) {
        long inSec = n.path("expirationInSec").asLong(0);
        Instant expiration = instant(n, "expiration");
        return new StrikeQuote(text(n, "quoteId"), text(n, "description"), text(n, "lnInvoice"),
                text(n, "onchainAddress"), expiration != null ? expiration : now.plusSeconds(inSec), inSec,
                amount(n.path("targetAmount")), amount(n.path("sourceAmount")), rate(n.path("conversionRate")));
    }

    static StrikeRate rate(JsonNode n) {
        if (!n.isObject()) {
            return null;
        }
        return new StrikeRate(decimal(n.path("amount")), text(n, "sourceCurrency"), text(n, "targetCurrency"));
    }

    static StrikeEvent event(JsonNode n) {
        JsonNode data = n.path("data");
        JsonNode delivered = n.path("deliverySuccess");
        return new StrikeEvent(text(n, "id"), text(n, "eventType"), text(n, "webhookVersion"),
                text(data, "entityId"), strings(data.path("changes")), instant(n, "created"),
                delivered.isBoolean() ? delivered.booleanValue() : null);
    }

    static StrikeSubscription subscription(JsonNode n) {
        return new StrikeSubscription(text(n, "id"), text(n, "webhookUrl"), text(n, "webhookVersion"),
                n.path("enabled").asBoolean(false), instant(n, "created"), strings(n.path("eventTypes")));
    }

    static StrikeWebhookEvent webhookEvent(byte[] raw) {
        JsonNode n;
        try {
            n = raw == null ? null : MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new StrikeWebhookPayloadException("Strike webhook body is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new StrikeWebhookPayloadException("Strike webhook body could not be read", e);
        }
        if (n == null || !n.isObject()) {
            throw new StrikeWebhookPayloadException("Strike webhook body must be a JSON object", null);
        }
        for (String required : List.of("id", "eventType")) {
            if (text(n, required) == null || text(n, required).isBlank()) {
                throw new StrikeWebhookPayloadException("Strike webhook body has no \"" + required + "\"", null);
            }
        }
        StrikeEvent e = event(n);
        requireStorable("id", e.id());
        requireStorable("eventType", e.eventType());
        requireStorable("data.entityId", e.entityId());
        return new StrikeWebhookEvent(e.id(), e.eventType(), e.webhookVersion(), e.entityId(), e.changes(), e.created());
    }

    /**
     * The id, type and entity id of a webhook are stored and indexed. Strike's are UUIDs and short dotted names; text
     * with NUL (PostgreSQL refuses it), other control characters, half a surrogate pair (not encodable) or more than
     * {@value #MAX_WEBHOOK_ID} characters (an index row has a size limit) is not one of them.
     */
    private static void requireStorable(String field, String value) {
        if (value == null) {
            return;
        }
        boolean storable = value.length() <= MAX_WEBHOOK_ID && value.codePoints().noneMatch(c -> Character.isISOControl(c)
                || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE));
        if (!storable) {
            throw new StrikeWebhookPayloadException("Strike webhook body has a \"" + field + "\" that is not an identifier"
                    + " (control characters, broken unicode or over " + MAX_WEBHOOK_ID + " characters)", null);
        }
    }

    /** Items of a list answer. Invoices come as {@code {items, count}}; tolerate a bare array too (events' shape is UNCONFIRMED). */
    static <T> List<T> items(JsonNode n, Function<JsonNode, T> read) {
        JsonNode array = n.isArray() ? n : n.path("items");
        List<T> out = new ArrayList<>();
        array.forEach(item -> out.add(read.apply(item)));
        return out;
    }

    /** Error envelope {@code {traceId, data{status, code, message, validationErrors}}} → its parts. */
    static Map<String, List<StrikeApiException.FieldError>> validationErrors(JsonNode data) {
        Map<String, List<StrikeApiException.FieldError>> out = new LinkedHashMap<>();
        data.path("validationErrors").properties().forEach(field -> {
            List<StrikeApiException.FieldError> errors = new ArrayList<>();
            JsonNode list = field.getValue().isArray() ? field.getValue() : MAPPER.createArrayNode().add(field.getValue());
            list.forEach(e -> errors.add(new StrikeApiException.FieldError(text(e, "code"), text(e, "message"))));
            out.put(field.getKey(), List.copyOf(errors));
        });
        return out;
    }

    static ObjectNode newInvoiceBody(String correlationId, String description, BigDecimal amount, String currency) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("correlationId", correlationId);
        if (description != null) {
            body.put("description", description);
        }
        // a string in plain notation: Strike documents a string, and a double could go out as 1.0E-5
        body.putObject("amount").put("amount", amount.toPlainString()).put("currency", currency);
        return body;
    }

    static ObjectNode subscriptionBody(String webhookUrl, String secret, boolean enabled, List<String> eventTypes) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("webhookUrl", webhookUrl).put("webhookVersion", "v1").put("secret", secret).put("enabled", enabled);
        ArrayNode types = body.putArray("eventTypes");
        eventTypes.forEach(types::add);
        return body;
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    private static StrikeAmount amount(JsonNode n) {
        return n.isObject() ? new StrikeAmount(decimal(n.path("amount")), text(n, "currency")) : null;
    }

    private static BigDecimal decimal(JsonNode v) {
        if (v.isNumber()) {
            return v.decimalValue();
        }
        try {
            return v.isTextual() ? new BigDecimal(v.asText().trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return List.copyOf(out);
    }

    /** ISO-8601 with or without offset (the exact form is UNCONFIRMED); no offset is read as UTC. */
    private static Instant instant(JsonNode n, String field) {
        String text = text(n, field);
        if (text == null) {
            return null;
        }
        try {
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parse(text);
            return t.isSupported(ChronoField.OFFSET_SECONDS)
                    ? Instant.from(t)
                    : LocalDateTime.from(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
