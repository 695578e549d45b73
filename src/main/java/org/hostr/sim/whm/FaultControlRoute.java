package org.hostr.sim.whm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * {@code /sim/faults}: the simulator's control route, not part of WHM and not behind the token. GET shows the
 * switches; POST (form or query) sets them:
 * <ul>
 *   <li>{@code create_delay_ms=N}: createacct answers after N ms, the account stored anyway</li>
 *   <li>{@code half_create_next=1}: the next createacct stores the account and answers "group … already exists"</li>
 *   <li>{@code fail_next=N&fail_mode=result0|http503}: the next N WHM calls fail</li>
 *   <li>{@code down=http503|refused|off&down_ms=N}: take the server down (refused needs down_ms, since it takes
 *       this route down too)</li>
 *   <li>{@code reset=1}: all off</li>
 * </ul>
 */
final class FaultControlRoute implements HttpHandler {
    private final WhmSimulator simulator;

    FaultControlRoute(WhmSimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> params = SimExchange.params(exchange);
            if ("POST".equalsIgnoreCase(exchange.getRequestMethod())) {
                try {
                    apply(params);
                } catch (IllegalArgumentException e) {
                    SimExchange.send(exchange, 400, "text/plain; charset=utf-8", e.getMessage() + "\n");
                    return;
                }
            }
            ObjectNode state = simulator.faults().describe();
            state.put("down", simulator.down().map(mode -> mode == WhmSimulator.DownMode.HTTP_503 ? "http503"
                    : "refused").orElse("off"));
            SimExchange.json(exchange, 200, state);
        }
    }

    private void apply(Map<String, String> p) {
        WhmFaults faults = simulator.faults();
        if ("1".equals(p.get("reset"))) {
            faults.reset();
            simulator.comeUp();
        }
        if (p.containsKey("create_delay_ms")) {
            faults.slowCreate(Duration.ofMillis(number(p, "create_delay_ms")));
        }
        if ("1".equals(p.get("half_create_next"))) {
            faults.halfCreateNext();
        }
        if (p.containsKey("fail_next")) {
            String mode = p.getOrDefault("fail_mode", "result0");
            if (!mode.equals("result0") && !mode.equals("http503")) {
                throw new IllegalArgumentException("fail_mode must be result0 or http503, found " + mode);
            }
            faults.failNext((int) number(p, "fail_next"),
                    mode.equals("result0") ? WhmFaults.FailMode.RESULT_0 : WhmFaults.FailMode.HTTP_503);
        }
        if (p.containsKey("down")) {
            long forMillis = p.containsKey("down_ms") ? number(p, "down_ms") : 0;
            switch (p.get("down")) {
                case "off" -> simulator.comeUp();
                case "http503" -> simulator.goDownSoon(WhmSimulator.DownMode.HTTP_503, forMillis);
                case "refused" -> {
                    if (forMillis <= 0) {
                        throw new IllegalArgumentException("down=refused also stops /sim/faults:"
                                + " give down_ms=N so the simulator comes back by itself");
                    }
                    simulator.goDownSoon(WhmSimulator.DownMode.REFUSED, forMillis);
                }
                default -> throw new IllegalArgumentException("down must be off, http503 or refused, found "
                        + p.get("down"));
            }
        }
    }

    private static long number(Map<String, String> p, String name) {
        try {
            long value = Long.parseLong(p.get(name).strip());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number ≥ 0, found " + p.get(name));
        }
    }
}
