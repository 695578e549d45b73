package org.hostr.provisioning.whm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WHM API 1 call over HTTP: URL, auth header, timeouts, and the mapping of every way it can go wrong to one
 * {@link WhmException}. Knows nothing about what the functions mean.
 */
final class WhmTransport {
    private static final Logger log = LoggerFactory.getLogger(WhmClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a call is sent. */
    enum Kind {
        /** GET; reads are safe to repeat, so OkHttp may retry them on a stale pooled connection. */
        READ,
        /** POST form; never retried by OkHttp, which would otherwise resend after a connection reset. */
        CHANGE,
        /** POST form with the long createacct read timeout. */
        SLOW_CHANGE
    }

    private final WhmEndpoint endpoint;
    private final String server;
    private final String authorization;
    private final OkHttpClient reads;
    private final OkHttpClient changes;
    private final OkHttpClient slowChanges;

    WhmTransport(WhmEndpoint endpoint, WhmTimeouts timeouts) {
        this.endpoint = endpoint;
        this.server = endpoint.hostAndPort();
        this.authorization = "whm " + endpoint.user() + ":" + endpoint.token();
        OkHttpClient.Builder base = new OkHttpClient.Builder()
                .connectTimeout(timeouts.connect().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeouts.read().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(timeouts.read().toMillis(), TimeUnit.MILLISECONDS)
                // A redirect means a wrong URL (a login page, the plain port); don't follow it with the token.
                .followRedirects(false)
                .followSslRedirects(false)
                .eventListenerFactory(call -> new SendWatcher());
        endpoint.pinnedFingerprint().ifPresent(fingerprint -> {
            PinnedCertificate pinned = new PinnedCertificate(fingerprint);
            base.sslSocketFactory(pinned.socketFactory(), pinned).hostnameVerifier(pinned);
        });
        this.reads = base.retryOnConnectionFailure(true).build();
        this.changes = reads.newBuilder().retryOnConnectionFailure(false).build();
        this.slowChanges = changes.newBuilder()
                .readTimeout(timeouts.createAccount().toMillis(), TimeUnit.MILLISECONDS)
                .build();
    }

    String server() {
        return server;
    }

    WhmReply call(String function, Map<String, String> params, Kind kind) {
        // api.version=1 always: without it WHM answers in the legacy API 0 shapes.
        HttpUrl.Builder url = HttpUrl.get(endpoint.baseUrl()).newBuilder()
                .addPathSegment("json-api").addPathSegment(function)
                .addQueryParameter("api.version", "1");
        Request.Builder request = new Request.Builder().header("Authorization", authorization)
                .header("Accept", "application/json");
        Sent sent = new Sent();
        request.tag(Sent.class, sent);
        if (kind == Kind.READ) {
            params.forEach(url::addQueryParameter);
            request.get();
        } else {
            // State changes go in a form body, which keeps passwords out of URLs and access logs. WHM's docs show
            // only GET; POST with a form body is accepted by usage (FOSSBilling, a Go client), not by spec text
            // (UNCONFIRMED), so api.version=1 stays in the query where GET would put it.
            FormBody.Builder form = new FormBody.Builder();
            params.forEach(form::add);
            request.post(form.build());
        }
        OkHttpClient client = switch (kind) {
            case READ -> reads;
            case CHANGE -> changes;
            case SLOW_CHANGE -> slowChanges;
        };
        long started = System.nanoTime();
        try (Response response = client.newCall(request.url(url.build()).build()).execute()) {
            String body = response.body().string();
            WhmReply reply = interpret(function, response.code(), body);
            log.debug("whm {} on {}: result {} in {} ms", function, server, reply.ok() ? 1 : 0,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return reply;
        } catch (IOException e) {
            throw failure(function, kind, sent.value, e);
        }
    }

    private WhmException failure(String function, Kind kind, boolean requestSent, IOException e) {
        String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (requestSent && (e instanceof InterruptedIOException || kind != Kind.READ)) {
            return new WhmTimeoutException(function, "no complete answer from WHM " + server + " to " + function
                    + " (" + what + "); it may still have taken effect: look the result up before trying again", e);
        }
        return new WhmUnavailableException("cannot reach WHM " + server + " for " + function + " (" + what
                + "): check the server URL, the port (2087) and the firewall", e);
    }

    private WhmReply interpret(String function, int status, String body) {
        if (status == 401 || status == 403) {
            throw new WhmAuthException("WHM " + server + " refused the API token of user " + endpoint.user()
                    + " (HTTP " + status + "): check the server's user and token in WHM » Manage API Tokens");
        }
        if (status < 200 || status > 299) {
            throw new WhmUnavailableException("WHM " + server + " answered HTTP " + status + " to " + function
                    + (status >= 300 && status < 400 ? ": check that the URL points at WHM on port 2087" : ""), null);
        }
        // WHM's Content-Type for JSON answers is UNCONFIRMED, so the body is parsed whatever the header says.
        JsonNode root = parse(body);
        if (root == null) {
            throw new WhmUnavailableException("WHM " + server + " answered " + function
                    + " with something that is not JSON: check that the URL points at WHM on port 2087", null);
        }
        JsonNode metadata = root.path("metadata");
        if (!metadata.isObject()) {
            if (WhmFailureKind.plain(root.path("cpanelresult").path("error").asText()).contains("access denied")) {
                throw new WhmAuthException("WHM " + server + " denied access to user " + endpoint.user()
                        + ": check the server's user and token in WHM » Manage API Tokens");
            }
            throw new WhmUnavailableException("WHM " + server + " answered " + function
                    + " without a WHM API 1 envelope: check that the URL points at WHM on port 2087", null);
        }
        boolean ok = metadata.path("result").asInt(0) == 1;
        String reason = WhmParsing.text(metadata.path("reason"), ok ? "OK" : "no reason given");
        return new WhmReply(server, function, ok, reason, root.path("data"));
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    void close() {
        reads.dispatcher().executorService().shutdown();
        reads.connectionPool().evictAll();
    }

    /** Whether the request went out on the current connection attempt: the line between "refused" and "unknown". */
    private static final class Sent {
        volatile boolean value;
    }

    private static final class SendWatcher extends EventListener {
        @Override
        public void connectStart(Call call, java.net.InetSocketAddress address, java.net.Proxy proxy) {
            mark(call, false);
        }

        @Override
        public void requestHeadersStart(Call call) {
            mark(call, true);
        }

        private static void mark(Call call, boolean value) {
            Sent sent = call.request().tag(Sent.class);
            if (sent != null) {
                sent.value = value;
            }
        }
    }
}
