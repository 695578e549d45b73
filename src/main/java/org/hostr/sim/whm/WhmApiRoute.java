package org.hostr.sim.whm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /json-api/FUNCTION}: counts the call, applies the down and fail faults, checks the token, runs the
 * function and writes the answer as WHM does: HTTP 200 and an API 1 envelope even on failure, a legacy API 0
 * body without api.version=1, and 403 with a plain-text cpanelresult body for a bad or missing token.
 */
final class WhmApiRoute implements HttpHandler {
    static final String PREFIX = "/json-api/";
    private static final Logger log = LoggerFactory.getLogger(WhmApiRoute.class);
    private static final String ACCESS_DENIED = "{\"cpanelresult\":{\"apiversion\":\"2\",\"error\":\"Access denied\","
            + "\"data\":{\"reason\":\"Access denied\",\"result\":\"0\"},\"type\":\"text\"}}";

    private final Map<String, SimFunction> functions;
    private final Map<String, Set<String>> tokens;
    private final WhmFaults faults;
    private final Supplier<Boolean> answering503;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    WhmApiRoute(Map<String, SimFunction> functions, Map<String, Set<String>> tokens, WhmFaults faults,
                Supplier<Boolean> answering503) {
        this.functions = functions;
        this.tokens = tokens;
        this.faults = faults;
        this.answering503 = answering503;
    }

    int calls(String function) {
        AtomicInteger count = calls.get(function);
        return count == null ? 0 : count.get();
    }

    Map<String, Integer> callsByFunction() {
        Map<String, Integer> copy = new java.util.TreeMap<>();
        calls.forEach((function, count) -> copy.put(function, count.get()));
        return copy;
    }

    void resetCounts() {
        calls.clear();
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            String function = exchange.getRequestURI().getPath().substring(PREFIX.length());
            calls.computeIfAbsent(function, f -> new AtomicInteger()).incrementAndGet();
            Map<String, String> params = SimExchange.params(exchange);
            if (answering503.get()) {
                unavailable(exchange);
                return;
            }
            if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
                SimExchange.send(exchange, 403, "text/plain; charset=utf-8", ACCESS_DENIED);
                return;
            }
            Optional<WhmFaults.FailMode> fault = faults.takeFailure();
            if (fault.isPresent() && fault.get() == WhmFaults.FailMode.HTTP_503) {
                unavailable(exchange);
                return;
            }
            SimReply reply = fault.isPresent()
                    ? SimReply.failWithXid("Simulated failure of " + SimReply.quoted(function) + " (fault injection).")
                    : run(function, params);
            boolean api1 = "1".equals(params.get("api.version"));
            SimExchange.json(exchange, 200, api1 ? envelope(function, reply) : LegacyApi0.render(function, reply));
        } catch (IOException e) {
            // The client went away (a timed-out createacct); WHM carries on regardless, and so does the sim.
            log.debug("whm-sim answer not delivered: {}", e.toString());
        } catch (RuntimeException e) {
            log.warn("whm-sim failed on {}", exchange.getRequestURI().getPath(), e);
        }
    }

    private SimReply run(String function, Map<String, String> params) {
        SimFunction fn = functions.get(function);
        if (fn == null) {
            // Wording UNCONFIRMED; the spec only says an unknown function answers result 0.
            return SimReply.fail("Unknown app (" + SimReply.quoted(function)
                    + ") requested for this version (1) of the API.");
        }
        return fn.apply(params);
    }

    private boolean authorized(String header) {
        if (header == null) {
            return false;
        }
        String[] schemeAndCredentials = header.strip().split("\\s+", 2);
        if (schemeAndCredentials.length != 2 || !schemeAndCredentials[0].equalsIgnoreCase("whm")) {
            return false;
        }
        String credentials = schemeAndCredentials[1];
        int colon = credentials.indexOf(':');
        return colon > 0 && tokens.getOrDefault(credentials.substring(0, colon), Set.of())
                .contains(credentials.substring(colon + 1));
    }

    private static ObjectNode envelope(String function, SimReply reply) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode metadata = root.putObject("metadata")
                .put("command", function)
                .put("version", 1)
                .put("result", reply.ok() ? 1 : 0)
                .put("reason", reply.reason());
        if (reply.raw() != null) {
            metadata.putObject("output").put("raw", reply.raw());
        }
        if (reply.data() != null) {
            root.set("data", reply.data());
        }
        return root;
    }

    private static void unavailable(HttpExchange exchange) throws IOException {
        SimExchange.send(exchange, 503, "text/html; charset=utf-8",
                "<html><body><h1>503 Service Unavailable</h1></body></html>");
    }
}
