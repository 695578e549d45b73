package org.hostr.sim.strike;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * The simulator's own routes under {@code /sim/…}: what a payer or an outage would do. Not part of Strike, and not
 * behind the API key — the simulator listens on loopback only.
 */
final class SimControlRoutes {
    private final StrikeSimulator sim;
    private final SimLedger ledger;

    SimControlRoutes(StrikeSimulator sim, SimLedger ledger) {
        this.sim = sim;
        this.ledger = ledger;
    }

    SimRouter router() {
        return new SimRouter()
                .add("POST", "/sim/invoices/{}/pay", r -> invoice(ledger.pay(r.param(0), "true".equals(r.query().get("hold")))))
                .add("POST", "/sim/invoices/{}/pending", r -> invoice(ledger.markPending(r.param(0))))
                .add("POST", "/sim/lightning/pay", r -> invoice(ledger.payLnInvoice(r.jsonObject().path("lnInvoice").asText())))
                .add("GET", "/sim/faults", r -> faults())
                .add("POST", "/sim/faults", this::setFaults)
                .add("DELETE", "/sim/faults", r -> {
                    sim.faults().reset();
                    return faults();
                })
                .add("GET", "/sim/stats", r -> SimResponse.json(200, SimJson.MAPPER.createObjectNode()
                        .put("invoices", sim.invoiceCount())
                        .put("apiRequests", sim.apiRequests())
                        .put("webhooksAttempted", sim.webhooksAttempted())
                        .put("webhooksDelivered", sim.webhooksDelivered())
                        .put("webhooksDropped", sim.webhooksDropped())));
    }

    private static SimResponse invoice(SimInvoice invoice) {
        return SimResponse.json(200, SimJson.invoice(invoice));
    }

    /**
     * Body fields, each optional: failNextRequests, failNextAnswers, failStatus (default 500), delayMs (+ delayCount, default all), dropWebhooks,
     * duplicateWebhooks, reorderWebhooks, refuseOrFilters.
     */
    private SimResponse setFaults(SimRequest r) {
        ObjectNode body = r.jsonObject();
        StrikeSimFaults f = sim.faults();
        int status = body.path("failStatus").asInt(500);
        if (body.has("failNextRequests")) {
            f.failNextRequests(body.path("failNextRequests").asInt(), status);
        }
        if (body.has("failNextAnswers")) {
            f.failNextAnswers(body.path("failNextAnswers").asInt(), status);
        }
        if (body.has("delayMs")) {
            Duration delay = Duration.ofMillis(body.path("delayMs").asLong());
            if (body.has("delayCount")) {
                f.delayNextResponses(body.path("delayCount").asInt(), delay);
            } else {
                f.delayResponses(delay);
            }
        }
        JsonNode drop = body.path("dropWebhooks");
        if (drop.isBoolean()) {
            f.dropWebhooks(drop.booleanValue());
        }
        if (body.has("duplicateWebhooks")) {
            f.duplicateWebhooks(body.path("duplicateWebhooks").asInt());
        }
        JsonNode reorder = body.path("reorderWebhooks");
        if (reorder.isBoolean()) {
            f.reorderWebhooks(reorder.booleanValue());
        }
        JsonNode refuseOr = body.path("refuseOrFilters");
        if (refuseOr.isBoolean()) {
            f.refuseOrFilters(refuseOr.booleanValue());
        }
        return faults();
    }

    private SimResponse faults() {
        StrikeSimFaults f = sim.faults();
        return SimResponse.json(200, SimJson.MAPPER.createObjectNode()
                .put("failNextRequests", f.pendingRequestFailures())
                .put("failNextAnswers", f.pendingAnswerFailures())
                .put("delayMs", f.delayMillis())
                .put("dropWebhooks", f.droppingWebhooks())
                .put("duplicateWebhooks", f.webhookDuplicates())
                .put("reorderWebhooks", f.reorderingWebhooks())
                .put("refuseOrFilters", f.refusingOrFilters()));
    }
}
