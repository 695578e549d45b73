package org.hostr.sim.whm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading parameters from and writing answers to a JDK HttpExchange. */
final class SimExchange {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SimExchange() {
    }

    /** Query parameters, then form-body parameters (POST); the first value of a name wins. */
    static Map<String, String> params(HttpExchange exchange) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        addForm(exchange.getRequestURI().getRawQuery(), params);
        if ("POST".equalsIgnoreCase(exchange.getRequestMethod())) {
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (type == null || type.toLowerCase().contains("x-www-form-urlencoded")) {
                addForm(body, params);
            }
        }
        return params;
    }

    static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", MAPPER.writeValueAsString(body));
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void addForm(String encoded, Map<String, String> params) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.putIfAbsent(name, value);
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
