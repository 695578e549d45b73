package org.hostr.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.hostr.Application;
import org.hostr.config.HostrConfig;
import org.hostr.web.RouteGroup;

/** A real Hostr on a random port with a fresh database, for integration tests. */
public final class TestApp implements AutoCloseable {
    public static final String SESSION_SECRET = "test-session-secret-0123456789abcdefghijkl";
    public static final String ENCRYPTION_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    public static final String WEBHOOK_SECRET = "test-webhook-secret";

    private final Application app;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestApp(Application app) {
        this.app = app;
    }

    public static TestApp start(TestDatabases.Kind kind) {
        return start(kind, c -> c, List.of());
    }

    public static TestApp start(TestDatabases.Kind kind, UnaryOperator<HostrConfig> customise, List<RouteGroup> extraRoutes) {
        HostrConfig config = customise.apply(config(TestDatabases.config(kind)));
        return new TestApp(Application.start(config, new Application.Options(false, "Hostr test", new ArrayList<>(extraRoutes))));
    }

    /** A Hostr on exactly this config: e.g. a second instance on the database of a first. */
    public static TestApp start(HostrConfig config) {
        return new TestApp(Application.start(config, new Application.Options(false, "Hostr test", new ArrayList<>())));
    }

    /** A complete config for tests; public_url is fixed because logins are signed for it. */
    public static HostrConfig config(HostrConfig.Database database) {
        return new HostrConfig(
                new HostrConfig.Server("127.0.0.1", 0, "http://localhost:8080", ""),
                database,
                new HostrConfig.Auth(List.of(), SESSION_SECRET, 24, List.of(), 100_000),
                new HostrConfig.Strike("http://127.0.0.1:9", "test-strike-key", WEBHOOK_SECRET, "USD", 30),
                new HostrConfig.Billing("USD", 7, 3, 15, false, 7, 60),
                new HostrConfig.Secrets(ENCRYPTION_KEY),
                new HostrConfig.Metrics(true, ""),
                new HostrConfig.Dev(false),
                HostrConfig.Notify.off(),
                List.of(new HostrConfig.PlanEntry("basic", "Basic", "Personal sites", 10240, 102400, "basic", 500, 0, "USD",
                        "P1M", true, 1)),
                List.of());
    }

    public Application app() {
        return app;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpClient http() {
        return http;
    }

    @Override
    public void close() {
        app.close();
    }
}
