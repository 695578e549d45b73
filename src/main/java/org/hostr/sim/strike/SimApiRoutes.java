package org.hostr.sim.strike;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Strike's own endpoints ({@code /v1/…}), as far as receiving payments needs them. */
final class SimApiRoutes {
    private static final int MAX_TOP = 100;
    // Limits seen only in third-party code (UNCONFIRMED). Enforcing them here keeps Hostr within them either way.
    private static final int MAX_CORRELATION_ID = 40;
    private static final int MAX_DESCRIPTION = 200;

    private final SimLedger ledger;
    private final SimRates rates;

    SimApiRoutes(SimLedger ledger, SimRates rates) {
        this.ledger = ledger;
        this.rates = rates;
    }

    SimRouter router() {
        return new SimRouter()
                .add("POST", "/v1/invoices", this::createInvoice)
                .add("GET", "/v1/invoices", this::listInvoices)
                .add("GET", "/v1/invoices/{}", r -> SimResponse.json(200, SimJson.invoice(invoice(r.param(0)))))
                .add("POST", "/v1/invoices/{}/quote", this::createQuote)
                .add("PATCH", "/v1/invoices/{}/cancel", r -> SimResponse.json(200, SimJson.invoice(ledger.cancel(r.param(0)))))
                .add("GET", "/v1/events", this::listEvents)
                .add("GET", "/v1/events/{}", this::getEvent)
                .add("GET", "/v1/rates/ticker", r -> ticker())
                .add("GET", "/v1/subscriptions", r -> listSubscriptions())
                .add("POST", "/v1/subscriptions", this::createSubscription)
                .add("GET", "/v1/subscriptions/{}", r -> SimResponse.json(200, SimJson.subscription(ledger.subscription(r.param(0)))))
                .add("PATCH", "/v1/subscriptions/{}", this::updateSubscription)
                .add("DELETE", "/v1/subscriptions/{}", r -> {
                    ledger.deleteSubscription(r.param(0));
                    return SimResponse.empty(204);
                });
    }

    private SimResponse createInvoice(SimRequest r) {
        ObjectNode body = r.jsonObject();
        Map<String, String> errors = new LinkedHashMap<>();
        JsonNode money = body.path("amount");
        BigDecimal amount = null;
        String currency = null;
        if (!money.isObject()) {
            errors.put("amount", "INVALID_DATA_REQUIRED");
        } else {
            amount = amount(money.path("amount"), errors);
            currency = money.path("currency").isTextual() ? money.path("currency").asText() : null;
            if (currency == null) {
                errors.put("amount.currency", "INVALID_DATA_REQUIRED");
            } else if (!rates.currencies().contains(currency)) {
                errors.put("amount.currency", "INVALID_DATA");
            }
        }
        String correlationId = text(body, "correlationId");
        String description = text(body, "description");
        if (correlationId != null && correlationId.length() > MAX_CORRELATION_ID) {
            errors.put("correlationId", "INVALID_DATA");
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            errors.put("description", "INVALID_DATA");
        }
        if (!errors.isEmpty()) {
            throw SimError.invalidData(errors);
        }
        return SimResponse.json(201, SimJson.invoice(ledger.createInvoice(correlationId, description, amount, currency)));
    }

    /** Strike documents a decimal string; other clients send a JSON number and it works, so both are accepted. */
    private static BigDecimal amount(JsonNode value, Map<String, String> errors) {
        BigDecimal amount = null;
        if (value.isMissingNode() || value.isNull()) {
            errors.put("amount.amount", "INVALID_DATA_REQUIRED");
            return null;
        }
        if (value.isNumber()) {
            amount = value.decimalValue();
        } else if (value.isTextual()) {
            try {
                amount = new BigDecimal(value.asText().trim());
            } catch (NumberFormatException e) {
                amount = null;
            }
        }
        if (amount == null || amount.signum() < 0) {
            errors.put("amount.amount", "INVALID_AMOUNT");
            return null;
        }
        if (amount.signum() == 0) {
            errors.put("amount.amount", "AMOUNT_TOO_LOW");
            return null;
        }
        return amount;
    }

    private SimResponse listInvoices(SimRequest r) {
        ODataFilter filter = ODataFilter.parse(r.query().get("$filter"),
                Set.of("invoiceId", "created", "currency", "state", "issuerId", "receiverId", "payerId", "correlationId"));
        Optional<Set<String>> ids = filter.onlyEquals("invoiceId");
        if (ids.isPresent()) { // invoices asked for by id: looked up, as Strike's own store would, not scanned
            List<SimInvoice> found = ids.get().stream().map(ledger::invoice).flatMap(Optional::stream).toList();
            return page(r, found, SimInvoice::created, SimJson::invoice);
        }
        List<SimInvoice> matching = ledger.invoices().stream().filter(i -> filter.matches(p -> switch (p) {
            case "invoiceId" -> i.invoiceId();
            case "created" -> i.created();
            case "currency" -> i.currency();
            case "state" -> i.state().name();
            case "issuerId", "receiverId" -> i.issuerId();
            case "correlationId" -> i.correlationId();
            default -> null;
        })).toList();
        return page(r, matching, SimInvoice::created, SimJson::invoice);
    }

    private SimInvoice invoice(String id) {
        return ledger.invoice(id).orElseThrow(() -> SimError.notFound("Invoice"));
    }

    private SimResponse createQuote(SimRequest r) {
        r.jsonObject(); // optional {"descriptionHash"}: accepted, not used
        SimQuote quote = ledger.quote(r.param(0));
        return SimResponse.json(201, SimJson.quote(quote, invoice(r.param(0))));
    }

    private SimResponse listEvents(SimRequest r) {
        ODataFilter filter = ODataFilter.parse(r.query().get("$filter"), Set.of("created", "eventType", "deliverySuccess", "entityId"));
        List<SimEvent> matching = ledger.events().stream().filter(e -> filter.matches(p -> switch (p) {
            case "created" -> e.created();
            case "eventType" -> e.eventType();
            case "deliverySuccess" -> ledger.delivered(e.id());
            case "entityId" -> e.entityId();
            default -> null;
        })).toList();
        return page(r, matching, SimEvent::created, this::eventJson);
    }

    private SimResponse getEvent(SimRequest r) {
        return SimResponse.json(200, eventJson(ledger.event(r.param(0)).orElseThrow(() -> SimError.notFound("Event"))));
    }

    private ObjectNode eventJson(SimEvent e) {
        return SimJson.event(e, "v1").put("deliverySuccess", ledger.delivered(e.id()));
    }

    private SimResponse ticker() {
        List<ObjectNode> rows = new ArrayList<>();
        rates.ticker().forEach(p -> rows.add(SimJson.MAPPER.createObjectNode().put("amount", p.amount().toPlainString())
                .put("sourceCurrency", p.source()).put("targetCurrency", p.target())));
        return SimResponse.json(200, SimJson.MAPPER.createArrayNode().addAll(rows));
    }

    private SimResponse listSubscriptions() {
        List<ObjectNode> items = ledger.subscriptions().stream().map(SimJson::subscription).toList();
        return SimResponse.json(200, SimJson.MAPPER.createArrayNode().addAll(items));
    }

    private SimResponse createSubscription(SimRequest r) {
        ObjectNode body = r.jsonObject();
        SimSubscription s = checked(new SimSubscription(null, text(body, "webhookUrl"),
                orElse(text(body, "webhookVersion"), "v1"), text(body, "secret"),
                !body.has("enabled") || body.path("enabled").asBoolean(), null, strings(body.path("eventTypes"))));
        return SimResponse.json(201, SimJson.subscription(
                ledger.createSubscription(s.webhookUrl(), s.webhookVersion(), s.secret(), s.enabled(), s.eventTypes())));
    }

    private SimResponse updateSubscription(SimRequest r) {
        ObjectNode body = r.jsonObject();
        SimSubscription old = ledger.subscription(r.param(0));
        SimSubscription updated = checked(new SimSubscription(old.id(),
                orElse(text(body, "webhookUrl"), old.webhookUrl()),
                orElse(text(body, "webhookVersion"), old.webhookVersion()),
                orElse(text(body, "secret"), old.secret()),
                body.has("enabled") ? body.path("enabled").asBoolean() : old.enabled(),
                old.created(),
                body.has("eventTypes") ? strings(body.path("eventTypes")) : old.eventTypes()));
        return SimResponse.json(200, SimJson.subscription(ledger.replaceSubscription(updated)));
    }

    /** Strike's rules: HTTPS, secret of 10–50 characters, at least one event type. Plain http is let through for loopback only. */
    private static SimSubscription checked(SimSubscription s) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!acceptableUrl(s.webhookUrl())) {
            errors.put("webhookUrl", "INVALID_DATA");
        }
        if (s.secret() == null || s.secret().length() < 10 || s.secret().length() > 50) {
            errors.put("secret", "INVALID_DATA");
        }
        if (s.eventTypes().isEmpty()) {
            errors.put("eventTypes", "INVALID_DATA_REQUIRED");
        }
        if (!errors.isEmpty()) {
            throw SimError.invalidData(errors);
        }
        return s;
    }

    private static boolean acceptableUrl(String url) {
        try {
            URI uri = URI.create(url);
            String host = uri.getHost();
            boolean loopback = "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
            return host != null && ("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback));
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /** $orderby created asc|desc, $skip, $top (at most 100, as Strike); answers {items, count} with count before paging. */
    private static <T> SimResponse page(SimRequest r, List<T> matching, Function<T, Instant> created,
                                        Function<T, ObjectNode> json) {
        String orderBy = orElse(r.query().get("$orderby"), "created asc").trim();
        Comparator<T> order = Comparator.comparing(created);
        if (orderBy.equals("created desc")) {
            order = order.reversed();
        } else if (!orderBy.equals("created asc") && !orderBy.equals("created")) {
            throw SimError.badQuery("$orderby supports only 'created asc' or 'created desc'");
        }
        int skip = number(r, "$skip", 0);
        int top = number(r, "$top", MAX_TOP);
        if (top < 0 || top > MAX_TOP || skip < 0) {
            throw SimError.badQuery("$top must be 0 to " + MAX_TOP + " and $skip not negative");
        }
        List<ObjectNode> items = matching.stream().sorted(order).skip(skip).limit(top).map(json).toList();
        return SimResponse.json(200, SimJson.page(items, matching.size()));
    }

    private static int number(SimRequest r, String name, int fallback) {
        String value = r.query().get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw SimError.badQuery(name + " must be a number");
        }
    }

    private static String text(JsonNode n, String field) {
        return n.path(field).isTextual() ? n.path(field).asText() : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
