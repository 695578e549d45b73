package org.hostr.sim.strike;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door: reads an exchange, applies faults and the bearer check to Strike calls, dispatches, and writes the
 * answer. Faults that refuse a request act before any work; a lost answer or a delay acts after it, which is what
 * makes a client's timeout or 5xx ambiguous.
 */
final class SimHttp implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(StrikeSimulator.class);

    private final SimRouter api;
    private final SimRouter control;
    private final byte[] expectedAuthorization;
    private final StrikeSimFaults faults;
    private final AtomicInteger apiRequests = new AtomicInteger();

    SimHttp(SimRouter api, SimRouter control, String apiKey, StrikeSimFaults faults) {
        this.api = api;
        this.control = control;
        this.expectedAuthorization = ("Bearer " + apiKey).getBytes(StandardCharsets.UTF_8);
        this.faults = faults;
    }

    int apiRequests() {
        return apiRequests.get();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            SimRequest request = new SimRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    query(exchange.getRequestURI().getRawQuery()), exchange.getRequestBody().readAllBytes(), List.of());
            SimResponse response = request.path().startsWith("/v1/")
                    ? strikeCall(request, exchange.getRequestHeaders().getFirst("Authorization"))
                    : routed(control, request);
            log.debug("strike sim: {} {} -> {}", request.method(), request.path(), response.status());
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            log.debug("strike sim: client went away: {}", e.toString()); // e.g. it timed out during an injected delay
        }
    }

    private SimResponse strikeCall(SimRequest request, String authorization) {
        apiRequests.incrementAndGet();
        OptionalInt refused = faults.takeRequestFailure();
        if (refused.isPresent()) {
            return injected(refused.getAsInt());
        }
        if (faults.refusingOrFilters() && hasOrFilter(request)) {
            return SimResponse.error(new SimError(403, "FORBIDDEN", "Request blocked"));
        }
        if (authorization == null || !MessageDigest.isEqual(expectedAuthorization, authorization.getBytes(StandardCharsets.UTF_8))) {
            return SimResponse.error(new SimError(401, "UNAUTHORIZED", "Missing or invalid API key"));
        }
        SimResponse response = routed(api, request);
        pause(faults.takeDelayMillis());
        OptionalInt lost = faults.takeAnswerFailure();
        return lost.isPresent() ? injected(lost.getAsInt()) : response;
    }

    private static boolean hasOrFilter(SimRequest request) {
        String filter = request.query().get("$filter");
        return filter != null && (" " + filter.toLowerCase(java.util.Locale.ROOT) + " ").contains(" or ");
    }

    private static SimResponse routed(SimRouter router, SimRequest request) {
        try {
            return router.dispatch(request);
        } catch (SimError e) {
            return SimResponse.error(e);
        } catch (RuntimeException e) {
            log.warn("strike sim: {} {} failed", request.method(), request.path(), e);
            return SimResponse.error(new SimError(500, "INTERNAL_SERVER_ERROR", "Simulator error: " + e.getMessage()));
        }
    }

    private static SimResponse injected(int status) {
        String code = status == 429 ? "RATE_LIMIT_EXCEEDED" : status == 503 ? "SERVICE_UNAVAILABLE" : "INTERNAL_SERVER_ERROR";
        return SimResponse.error(new SimError(status, code, "Injected by the simulator's fault switches"));
    }

    private static void pause(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A literal '+' stays a '+' (OData dates carry offsets like +00:00); only %XX escapes are decoded. */
    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            out.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
