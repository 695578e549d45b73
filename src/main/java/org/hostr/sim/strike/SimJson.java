package org.hostr.sim.strike;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The simulator's answers in Strike's wire shapes: camelCase, amounts as strings, enums in capitals. */
final class SimJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** .NET-style seven fraction digits and a +00:00 offset, as Strike's examples show, to keep clients tolerant. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSxxx").withZone(ZoneOffset.UTC);
    private static final BigDecimal SATS_PER_BTC = new BigDecimal(100_000_000);

    private SimJson() {
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    static ObjectNode invoice(SimInvoice i) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("invoiceId", i.invoiceId());
        money(n.putObject("amount"), i.amount(), i.currency());
        n.put("state", i.state().name());
        n.put("created", time(i.created()));
        if (i.correlationId() != null) {
            n.put("correlationId", i.correlationId());
        }
        if (i.description() != null) {
            n.put("description", i.description());
        }
        n.put("issuerId", i.issuerId());
        n.put("receiverId", i.issuerId());
        return n;
    }

    static ObjectNode quote(SimQuote q, SimInvoice invoice) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("quoteId", q.quoteId());
        if (invoice.description() != null) {
            n.put("description", invoice.description());
        }
        n.put("lnInvoice", q.lnInvoice());
        n.put("expiration", time(q.expiration()));
        n.put("expirationInSec", Duration.between(q.created(), q.expiration()).toSeconds());
        money(n.putObject("targetAmount"), invoice.amount(), invoice.currency());
        money(n.putObject("sourceAmount"), new BigDecimal(q.sats()).divide(SATS_PER_BTC, 8, RoundingMode.UNNECESSARY), "BTC");
        n.putObject("conversionRate").put("amount", q.btcPrice().toPlainString())
                .put("sourceCurrency", "BTC").put("targetCurrency", invoice.currency());
        return n;
    }

    static ObjectNode event(SimEvent e, String webhookVersion) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", e.id());
        n.put("eventType", e.eventType());
        n.put("webhookVersion", webhookVersion);
        ObjectNode data = n.putObject("data").put("entityId", e.entityId());
        if (!e.changes().isEmpty()) {
            ArrayNode changes = data.putArray("changes");
            e.changes().forEach(changes::add);
        }
        n.put("created", time(e.created()));
        return n;
    }

    /** The secret is never echoed back, as Strike documents. */
    static ObjectNode subscription(SimSubscription s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", s.id());
        n.put("webhookUrl", s.webhookUrl());
        n.put("webhookVersion", s.webhookVersion());
        n.put("enabled", s.enabled());
        n.put("created", time(s.created()));
        ArrayNode types = n.putArray("eventTypes");
        s.eventTypes().forEach(types::add);
        return n;
    }

    static ObjectNode page(List<ObjectNode> items, int count) {
        ObjectNode n = MAPPER.createObjectNode();
        n.putArray("items").addAll(items);
        n.put("count", count);
        return n;
    }

    static ObjectNode error(int status, String code, String message, Map<String, String> validationErrors) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("traceId", UUID.randomUUID().toString());
        ObjectNode data = n.putObject("data").put("status", status).put("code", code).put("message", message);
        if (!validationErrors.isEmpty()) {
            ObjectNode fields = data.putObject("validationErrors");
            validationErrors.forEach((field, fieldCode) -> fields.putArray(field).addObject()
                    .put("code", fieldCode).put("message", "The " + field + " field is invalid."));
        }
        return n;
    }

    private static void money(ObjectNode n, BigDecimal amount, String currency) {
        n.put("amount", amount.toPlainString()).put("currency", currency);
    }
}
