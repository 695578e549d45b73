package org.hostr.sim.strike;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP calls to the simulator, so its tests do not depend on the client under test elsewhere. */
final class SimCaller {
    record Answer(int status, JsonNode json) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;
    private final String key;

    SimCaller(String baseUrl, String key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    Answer get(String path) {
        return send("GET", path, null);
    }

    Answer post(String path, String json) {
        return send("POST", path, json);
    }

    Answer send(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates a USD invoice and returns its id. */
    String newInvoice(String correlationId, String amount) {
        Answer a = post("/v1/invoices", "{\"correlationId\":\"" + correlationId + "\",\"description\":\"test\","
                + "\"amount\":{\"amount\":\"" + amount + "\",\"currency\":\"USD\"}}");
        if (a.status() != 201) {
            throw new IllegalStateException("invoice not created: " + a);
        }
        return a.json().path("invoiceId").asText();
    }

    String subscribe(String url, String secret, String eventTypesJson) {
        Answer a = post("/v1/subscriptions", "{\"webhookUrl\":\"" + url + "\",\"webhookVersion\":\"v1\",\"secret\":\""
                + secret + "\",\"enabled\":true,\"eventTypes\":" + eventTypesJson + "}");
        if (a.status() != 201) {
            throw new IllegalStateException("subscription not created: " + a);
        }
        return a.json().path("id").asText();
    }
}
