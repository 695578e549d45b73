package org.hostr.sim.whm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** Plain HTTP calls to a simulator, without Hostr's client, to check the wire format itself. */
final class RawWhm {
    static final String AUTH = "whm " + WhmSimulator.DEFAULT_USER + ":" + WhmSimulator.DEFAULT_TOKEN;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final WhmSimulator whm;

    RawWhm(WhmSimulator whm) {
        this.whm = whm;
    }

    /** GET /json-api/{function}?{query} with the given Authorization header (null for none). */
    HttpResponse<String> get(String function, String query, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(whm.baseUrl() + "/json-api/" + function
                + (query.isEmpty() ? "" : "?" + query))).timeout(Duration.ofSeconds(5));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An authorised API 1 GET, its body parsed. */
    JsonNode api1(String function, String query) throws Exception {
        return JSON.readTree(get(function, "api.version=1" + (query.isEmpty() ? "" : "&" + query), AUTH).body());
    }

    /** An authorised API 1 POST with a form body, its body parsed. */
    JsonNode post(String function, Map<String, String> form) throws Exception {
        return JSON.readTree(send("/json-api/" + function + "?api.version=1", form, AUTH).body());
    }

    HttpResponse<String> send(String path, Map<String, String> form, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(whm.baseUrl() + path))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode parse(String body) throws IOException {
        return JSON.readTree(body);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
