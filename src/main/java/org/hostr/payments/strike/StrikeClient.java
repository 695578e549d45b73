package org.hostr.payments.strike;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Strike's receive-side API: invoices, quotes, events, rates and webhook subscriptions.
 *
 * <p>Calls that are safe to repeat are retried on 429, 5xx and timeouts (see {@link StrikeRetryPolicy}); then the
 * caller gets a {@link StrikeUnavailableException}. Creating an invoice is not safe to repeat, so
 * {@link #createInvoice} looks up its correlationId before it ever posts a second time.
 */
public final class StrikeClient implements AutoCloseable {
    /** The most invoice ids {@link #getInvoices} asks for in one list call. */
    public static final int IDS_PER_LIST = 40;
    private static final Logger log = LoggerFactory.getLogger(StrikeClient.class);
    private final StrikeHttp http;
    private final StrikeRetryPolicy retry;
    private final Clock clock;
    /** Set once Strike (or a firewall before it) refused an {@code or} filter with 403. */
    private volatile boolean orFilterRefused;

    public StrikeClient(String baseUrl, String apiKey, Duration connectTimeout, Duration readTimeout,
                        StrikeRetryPolicy retry, Clock clock) {
        this.http = new StrikeHttp(baseUrl, apiKey, connectTimeout, readTimeout, retry);
        this.retry = retry;
        this.clock = clock;
    }

    /**
     * Creates a Strike invoice at most once per {@code correlationId} (use our invoice number).
     *
     * <p>POST /v1/invoices is not idempotent: after a timeout or 5xx Strike may have created the invoice anyway. So
     * an ambiguous failure is followed by a look-up by correlationId, and only if none exists is the POST repeated.
     * A 409 (correlationId already used; UNCONFIRMED but seen in client code) is resolved by the same look-up. Strike
     * may not enforce unique correlationIds at all; the look-up before re-posting still keeps us to one invoice.
     *
     * @throws StrikeUnavailableException when Strike stays unreachable; the invoice may exist — calling again with
     *                                    the same correlationId is safe and returns it
     */
    public StrikeInvoice createInvoice(String correlationId, String description, BigDecimal amount, String currency) {
        if (correlationId == null || correlationId.isBlank()) {
            throw new IllegalArgumentException("correlationId is required: it is what makes creating a Strike invoice safe to retry");
        }
        Request post = http.request("POST", http.url("v1", "invoices").build(),
                StrikeJson.newInvoiceBody(correlationId, description, amount, currency));
        StrikeUnavailableException last = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            if (last != null) {
                http.pause(attempt - 1, last, post);
                if (last.mayHaveBeenProcessed()) {
                    Optional<StrikeInvoice> existing = findInvoiceByCorrelationId(correlationId);
                    if (existing.isPresent()) {
                        return sameOrder(existing.get(), amount, currency);
                    }
                }
            }
            try {
                return StrikeJson.invoice(http.once(post));
            } catch (StrikeApiException e) {
                if (e.status() != 409) {
                    throw e;
                }
                return findInvoiceByCorrelationId(correlationId).map(found -> sameOrder(found, amount, currency))
                        .orElseThrow(() -> e);
            } catch (StrikeUnavailableException e) {
                last = e;
            }
        }
        if (last.mayHaveBeenProcessed()) { // the last POST may have worked after all
            Optional<StrikeInvoice> existing = findInvoiceByCorrelationId(correlationId);
            if (existing.isPresent()) {
                return sameOrder(existing.get(), amount, currency);
            }
        }
        throw http.gaveUp(last, retry.maxAttempts());
    }

    /** The invoice issued with this correlationId, if any. Lists with an OData filter; quotes in the value are doubled. */
    public Optional<StrikeInvoice> findInvoiceByCorrelationId(String correlationId) {
        HttpUrl url = http.url("v1", "invoices")
                .addQueryParameter("$filter", "correlationId eq '" + correlationId.replace("'", "''") + "'")
                .addQueryParameter("$orderby", "created asc")
                .build();
        // Checked again here: a server that ignored $filter must not make someone else's invoice ours.
        return StrikeJson.items(get(url), StrikeJson::invoice).stream()
                .filter(invoice -> correlationId.equals(invoice.correlationId()))
                .findFirst();
    }

    /** @throws StrikeApiException with status 404 and code NOT_FOUND for an unknown id */
    public StrikeInvoice getInvoice(String invoiceId) {
        return StrikeJson.invoice(get(http.url("v1", "invoices", invoiceId).build()));
    }

    /**
     * Several invoices in one call where Strike allows it: {@code GET /v1/invoices} with
     * {@code $filter=invoiceId eq 'a' or invoiceId eq 'b' …}, at most {@link #IDS_PER_LIST} ids a call (Strike's
     * {@code $top} is at most 100, and 40 ids keep the address near 2,500 characters). Reads other than invoice and
     * quote creation share Strike's smallest limit, 1,000 calls in 10 minutes with an hour's block beyond it, so a
     * shop that asked one call per invoice would be shut out by one busy hour or by its reconciler's open payments.
     *
     * <p>An {@code or} in {@code $filter} may be refused by a firewall in front of Strike with 403 (UNCONFIRMED in the
     * spec): then this client reads one invoice a call from there on, as it would have without lists. An id missing from
     * a list's answer is asked for alone before it is given up.
     *
     * @return the invoices by id, in the order asked; ids Strike does not know (404) are left out
     * @throws StrikeException when Strike cannot be asked; retry later
     */
    public Map<String, StrikeInvoice> getInvoices(Collection<String> invoiceIds) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(invoiceIds));
        Map<String, StrikeInvoice> found = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_LIST) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_LIST));
            if (chunk.size() > 1 && !orFilterRefused) {
                try {
                    listByIds(chunk).forEach(found::put);
                } catch (StrikeApiException e) {
                    if (e.status() != 403) {
                        throw e;
                    }
                    orFilterRefused = true;
                    log.warn("Strike refused a list of invoices by id (403 {}); invoices are read one a call from now on", e.code());
                }
            }
            for (String id : chunk) {
                if (!found.containsKey(id)) {
                    try {
                        found.put(id, getInvoice(id));
                    } catch (StrikeApiException e) {
                        if (e.status() != 404) {
                            throw e;
                        }
                    }
                }
            }
        }
        Map<String, StrikeInvoice> ordered = new LinkedHashMap<>();
        ids.stream().filter(found::containsKey).forEach(id -> ordered.put(id, found.get(id)));
        return ordered;
    }

    private Map<String, StrikeInvoice> listByIds(List<String> ids) {
        StringBuilder filter = new StringBuilder();
        for (String id : ids) {
            filter.append(filter.length() == 0 ? "" : " or ").append("invoiceId eq '").append(id.replace("'", "''")).append('\'');
        }
        HttpUrl url = http.url("v1", "invoices")
                .addQueryParameter("$filter", filter.toString())
                .addQueryParameter("$top", Integer.toString(ids.size()))
                .build();
        Set<String> asked = Set.copyOf(ids);
        Map<String, StrikeInvoice> found = new LinkedHashMap<>();
        // Checked again here: a server that ignored $filter must not answer for invoices we did not ask about.
        for (StrikeInvoice invoice : StrikeJson.items(get(url), StrikeJson::invoice)) {
            if (asked.contains(invoice.invoiceId())) {
                found.putIfAbsent(invoice.invoiceId(), invoice);
            }
        }
        return found;
    }

    /**
     * A fresh BOLT11 for an UNPAID invoice; call again when the previous one expires. Repeating this POST only
     * produces another quote, which is harmless, so it is retried like a read. Sent without a body, as strike-rs does.
     *
     * @throws StrikeApiException 422 INVALID_STATE_FOR_INVOICE_* when the invoice is no longer UNPAID
     */
    public StrikeQuote createQuote(String invoiceId) {
        JsonNode body = http.send(http.request("POST", http.url("v1", "invoices", invoiceId, "quote").build(), null), true);
        return StrikeJson.quote(body, clock.instant());
    }

    /**
     * Cancels an UNPAID invoice. Cancelling an already cancelled invoice returns it: a retried PATCH whose first
     * attempt worked would otherwise look like a failure.
     *
     * @throws StrikeApiException 422 when the invoice is PENDING or PAID
     */
    public StrikeInvoice cancelInvoice(String invoiceId) {
        try {
            JsonNode body = http.send(http.request("PATCH", http.url("v1", "invoices", invoiceId, "cancel").build(), null), true);
            return body.isMissingNode() ? getInvoice(invoiceId) : StrikeJson.invoice(body);
        } catch (StrikeApiException e) {
            if (e.status() == 422 && e.code().endsWith("_CANCELLED")) {
                StrikeInvoice current = getInvoice(invoiceId);
                if (current.state() == StrikeInvoiceState.CANCELLED) {
                    return current;
                }
            }
            throw e;
        }
    }

    /**
     * Events created at or after {@code since} (all when null), oldest first, at most {@code top} (Strike's cap is
     * 100). "At or after", so an event sharing the timestamp of the last one seen is not skipped: de-duplicate by id.
     * The date goes out unquoted, as OData v4 writes date-time literals (Strike's exact form is UNCONFIRMED).
     */
    public List<StrikeEvent> listEvents(Instant since, int top) {
        HttpUrl.Builder url = http.url("v1", "events");
        if (since != null) {
            url.addQueryParameter("$filter", "created ge " + since);
        }
        url.addQueryParameter("$orderby", "created asc")
                .addQueryParameter("$top", Integer.toString(Math.max(1, Math.min(top, 100))));
        return StrikeJson.items(get(url.build()), StrikeJson::event);
    }

    /** Every pair among Strike's currencies; {@code amount} is units of target per one unit of source. */
    public List<StrikeRate> ratesTicker() {
        return StrikeJson.items(get(http.url("v1", "rates", "ticker").build()), StrikeJson::rate);
    }

    public List<StrikeSubscription> listSubscriptions() {
        return StrikeJson.items(get(http.url("v1", "subscriptions").build()), StrikeJson::subscription);
    }

    /**
     * Subscribes {@code webhookUrl} (HTTPS; secret 10–50 characters). Not retried after a timeout or 5xx — a
     * duplicate subscription would double every webhook — so on {@link StrikeUnavailableException} list and check.
     */
    public StrikeSubscription createSubscription(String webhookUrl, String secret, List<String> eventTypes) {
        ObjectNode body = StrikeJson.subscriptionBody(webhookUrl, secret, true, eventTypes);
        return StrikeJson.subscription(http.send(http.request("POST", http.url("v1", "subscriptions").build(), body), false));
    }

    /** Replaces every field of a subscription (PATCH accepts any create field). */
    public StrikeSubscription updateSubscription(String id, String webhookUrl, String secret, boolean enabled,
                                                 List<String> eventTypes) {
        ObjectNode body = StrikeJson.subscriptionBody(webhookUrl, secret, enabled, eventTypes);
        JsonNode answer = http.send(http.request("PATCH", http.url("v1", "subscriptions", id).build(), body), true);
        return answer.isMissingNode()
                ? StrikeJson.subscription(get(http.url("v1", "subscriptions", id).build()))
                : StrikeJson.subscription(answer);
    }

    public void deleteSubscription(String id) {
        http.send(http.request("DELETE", http.url("v1", "subscriptions", id).build(), null), true);
    }

    @Override
    public void close() {
        http.close();
    }

    private JsonNode get(HttpUrl url) {
        return http.send(http.request("GET", url, null), true);
    }

    /** A correlationId names one order; finding it on an invoice for another amount means two orders share it. */
    private static StrikeInvoice sameOrder(StrikeInvoice found, BigDecimal amount, String currency) {
        StrikeAmount a = found.amount();
        if (a != null && a.amount() != null
                && (a.amount().compareTo(amount) != 0 || !currency.equalsIgnoreCase(a.currency()))) {
            throw new StrikeApiException("correlationId " + found.correlationId() + " is already used by Strike invoice "
                    + found.invoiceId() + " for " + a.amount().toPlainString() + " " + a.currency() + ", not "
                    + amount.toPlainString() + " " + currency, 409, "DUPLICATE_INVOICE", null, Map.of());
        }
        return found;
    }
}
