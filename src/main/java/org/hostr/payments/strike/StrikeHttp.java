package org.hostr.payments.strike;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wire under {@link StrikeClient}: one place that adds the bearer key, times and logs calls, turns answers into
 * JSON or into the right {@link StrikeException}, and retries what is safe to retry. It logs method, path, status and
 * duration at DEBUG — never headers, never bodies — and scrubs the key from every message it builds.
 */
final class StrikeHttp {
    private static final Logger log = LoggerFactory.getLogger(StrikeClient.class);
    private static final MediaType JSON = MediaType.get("application/json");
    static final String API_UNAVAILABLE = "API_UNAVAILABLE";

    private final OkHttpClient http;
    private final HttpUrl baseUrl;
    private final String apiKey;
    private final StrikeRetryPolicy retry;

    StrikeHttp(String baseUrl, String apiKey, Duration connectTimeout, Duration readTimeout, StrikeRetryPolicy retry) {
        HttpUrl parsed = HttpUrl.parse(baseUrl == null ? "" : baseUrl);
        if (parsed == null) {
            throw new IllegalArgumentException("strike.base_url must be an http(s) URL such as https://api.strike.me, found \"" + baseUrl + "\"");
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("strike.api_key is missing: set it in config.toml or HOSTR_STRIKE_API_KEY");
        }
        this.baseUrl = parsed;
        this.apiKey = apiKey;
        this.retry = retry;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .writeTimeout(readTimeout)
                // OkHttp would otherwise silently repeat a request on some connection failures, POSTs included,
                // which defeats the look-up-before-re-posting rule for invoices. All retries happen here instead.
                .retryOnConnectionFailure(false)
                .build();
    }

    HttpUrl.Builder url(String... segments) {
        HttpUrl.Builder b = baseUrl.newBuilder();
        for (String s : segments) {
            b.addPathSegment(s);
        }
        return b;
    }

    Request request(String method, HttpUrl url, JsonNode body) {
        RequestBody payload = body == null
                ? (method.equals("GET") || method.equals("DELETE") ? null : RequestBody.create(new byte[0], null))
                : RequestBody.create(body.toString(), JSON);
        return new Request.Builder().url(url).method(method, payload)
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "application/json")
                .build();
    }

    /**
     * Sends with retries. Failures that leave Strike untouched (429, refused connection) are always retried; failures
     * after which Strike may have acted (5xx, timeout) are retried only if {@code idempotent}.
     */
    JsonNode send(Request request, boolean idempotent) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(request);
            } catch (StrikeUnavailableException e) {
                if (attempt >= retry.maxAttempts() || (!idempotent && e.mayHaveBeenProcessed())) {
                    throw gaveUp(e, attempt);
                }
                pause(attempt, e, request);
            }
        }
    }

    /** Exactly one call, no retry. */
    JsonNode once(Request request) {
        long started = System.nanoTime();
        String what = request.method() + " " + request.url().encodedPath();
        try (Response response = http.newCall(request).execute()) {
            String body = response.body().string();
            log.debug("strike {} -> {} in {} ms", what, response.code(), (System.nanoTime() - started) / 1_000_000);
            if (response.isSuccessful()) {
                return successBody(what, response.code(), body);
            }
            throw failure(what, response.code(), body, response.header("Retry-After"));
        } catch (IOException e) {
            log.debug("strike {} -> {} after {} ms", what, e.getClass().getSimpleName(), (System.nanoTime() - started) / 1_000_000);
            // A refused connection never reached Strike; a timeout may have arrived after Strike acted.
            boolean neverSent = e instanceof ConnectException || e instanceof UnknownHostException
                    || e instanceof NoRouteToHostException;
            throw new StrikeUnavailableException(what + " got no answer from Strike: " + e.getClass().getSimpleName()
                    + " " + redact(e.getMessage()), 0, API_UNAVAILABLE, null, !neverSent, 0, e);
        }
    }

    void pause(int failedAttempts, StrikeUnavailableException cause, Request request) {
        Duration wait = retry.backoff(failedAttempts, ThreadLocalRandom.current().nextDouble());
        // Retry-After is not documented by Strike (UNCONFIRMED); honour it when present, within our own cap.
        long hinted = Math.min(cause.retryAfterSeconds() * 1000, retry.maxBackoff().toMillis());
        long millis = Math.max(wait.toMillis(), hinted);
        log.debug("strike {} {} failed ({}), retrying in {} ms", request.method(), request.url().encodedPath(),
                cause.status() == 0 ? cause.code() : cause.status(), millis);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cause;
        }
    }

    StrikeUnavailableException gaveUp(StrikeUnavailableException last, int attempts) {
        return new StrikeUnavailableException(last.getMessage() + " (gave up after " + attempts + " attempt"
                + (attempts == 1 ? "" : "s") + ")", last.status(), last.code(), last.traceId(),
                last.mayHaveBeenProcessed(), last.retryAfterSeconds(), last.getCause());
    }

    void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private JsonNode successBody(String what, int status, String body) {
        if (body.isBlank()) {
            return StrikeJson.MAPPER.missingNode(); // some 2xx PATCH answers are empty
        }
        try {
            return StrikeJson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new StrikeUnavailableException(what + " got HTTP " + status + " with a non-JSON body (a proxy page?)",
                    status, API_UNAVAILABLE, null, true, 0, null);
        }
    }

    private StrikeException failure(String what, int status, String body, String retryAfter) {
        JsonNode envelope = readJson(body);
        String code = API_UNAVAILABLE;
        String message = "non-JSON answer, probably from a proxy or an outage page";
        String traceId = null;
        Map<String, List<StrikeApiException.FieldError>> validation = Map.of();
        if (envelope != null && envelope.isObject()) {
            JsonNode data = envelope.path("data");
            traceId = StrikeJson.text(envelope, "traceId");
            code = orElse(StrikeJson.text(data, "code"), "HTTP_" + status);
            message = orElse(StrikeJson.text(data, "message"), "");
            validation = StrikeJson.validationErrors(data);
        }
        String text = what + " failed: HTTP " + status + " " + code
                + (message.isBlank() ? "" : " (" + redact(message) + ")")
                + (validation.isEmpty() ? "" : " " + describe(validation))
                + (traceId == null ? "" : " traceId=" + traceId);
        if (status == 401 || status == 403) {
            return new StrikeAuthException(text + ": check strike.api_key and that the key has the scope for this call",
                    status, code, traceId);
        }
        if (status == 429) {
            // rejected by the rate limiter before any work: safe to repeat even for a POST
            return new StrikeUnavailableException(text, status, code, traceId, false, seconds(retryAfter), null);
        }
        if (status == 408 || status >= 500) {
            return new StrikeUnavailableException(text, status, code, traceId, true, seconds(retryAfter), null);
        }
        return new StrikeApiException(text, status, code, traceId, validation);
    }

    private String redact(String text) {
        return text == null ? "" : text.replace(apiKey, "[redacted]");
    }

    private static JsonNode readJson(String body) {
        try {
            return body.isBlank() ? null : StrikeJson.MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String describe(Map<String, List<StrikeApiException.FieldError>> validation) {
        return validation.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue().stream().map(StrikeApiException.FieldError::code)
                        .collect(Collectors.joining(",")))
                .collect(Collectors.joining("; ", "[", "]"));
    }

    private static long seconds(String retryAfter) {
        try {
            return retryAfter == null ? 0 : Math.max(0, Long.parseLong(retryAfter.trim()));
        } catch (NumberFormatException e) {
            return 0; // an HTTP-date form; our own backoff is good enough
        }
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
