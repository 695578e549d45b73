package org.hostr.drills;

import static org.hostr.db.generated.Tables.JOBS;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.jooq.DSLContext;

/** Sends many generated requests over a few kept-alive connections and returns what came back, in input order. */
final class HttpFuzzer {
    /** Requests in flight at once: enough to keep two cores busy, few enough to stay on a handful of connections. */
    private static final int IN_FLIGHT = 8;
    private static final int KEEP_BODY = 300;

    /** What one request got: the status (-1: no answer), the start of the body, the Location header if any. */
    record Answer(int status, String body, String location) {
    }

    private final HttpClient http = newClient();

    List<Answer> send(List<HttpRequest> requests) throws InterruptedException {
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<Answer>> answers = new ArrayList<>(requests.size());
        for (HttpRequest request : requests) {
            inFlight.acquire();
            answers.add(clientFor(request).sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .handle((r, e) -> {
                        inFlight.release();
                        return e != null ? new Answer(-1, e.toString(), null)
                                : new Answer(r.statusCode(), r.body().substring(0, Math.min(KEEP_BODY, r.body().length())),
                                r.headers().firstValue("Location").orElse(null));
                    }));
        }
        return answers.stream().map(CompletableFuture::join).toList();
    }

    /**
     * Jetty refuses a path with an encoded NUL itself (400, before Hostr sees it) and then closes the connection without
     * a Connection: close header, so a kept-alive client would send its next request on a closed connection. Such a
     * request gets a connection of its own, so it cannot take another case down with it.
     */
    private HttpClient clientFor(HttpRequest request) {
        return request.uri().getRawPath().contains("%00") ? newClient() : http;
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    }

    /** Keys of the jobs other than the periodic ones, which the schedulers add on their own as time passes. */
    static Set<String> jobKeys(DSLContext db) {
        return db.select(JOBS.IDEMPOTENCY_KEY).from(JOBS).where(JOBS.IDEMPOTENCY_KEY.notLike("periodic:%"))
                .fetchSet(JOBS.IDEMPOTENCY_KEY);
    }
}
