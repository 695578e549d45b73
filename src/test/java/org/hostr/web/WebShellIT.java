package org.hostr.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hostr.config.HostrConfig;
import org.hostr.testing.TestApp;
import org.hostr.testing.TestDatabases;
import org.hostr.testing.TestDatabases.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WebShellIT {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void healthReadinessAndHomePageAnswer(Kind kind) {
        try (TestApp app = TestApp.start(kind)) {
            assertThat(app.get("/healthz").statusCode()).isEqualTo(200);

            HttpResponse<String> ready = app.get("/readyz");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"ready\"");

            HttpResponse<String> home = app.get("/");
            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(home.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
            assertThat(home.body()).contains("Basic").contains("$5.00").contains("10 GB storage");
        }
    }

    @Test
    void unknownPageGetsAnHtmlPageAndUnknownApiPathGetsJson() {
        try (TestApp app = TestApp.start(Kind.SQLITE)) {
            HttpResponse<String> page = app.get("/no/such/page");
            assertThat(page.statusCode()).isEqualTo(404);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(page.body()).contains("Page not found").doesNotContain("Exception");

            HttpResponse<String> api = app.get("/api/v1/no-such-thing");
            assertThat(api.statusCode()).isEqualTo(404);
            assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(api.body()).contains("\"error\":\"not_found\"").contains("\"message\"");
        }
    }

    @Test
    void failingHandlerGives500WithoutStackTrace() {
        RouteGroup broken = routes -> {
            routes.get("/api/v1/test/broken", ctx -> {
                throw new IllegalStateException("secret internals");
            });
            routes.get("/test/broken", ctx -> {
                throw new IllegalStateException("secret internals");
            });
        };
        try (TestApp app = TestApp.start(Kind.SQLITE, c -> c, List.of(broken))) {
            HttpResponse<String> api = app.get("/api/v1/test/broken");
            assertThat(api.statusCode()).isEqualTo(500);
            assertThat(api.body()).contains("internal_error").doesNotContain("secret internals", "IllegalStateException", "at org.");

            HttpResponse<String> page = app.get("/test/broken");
            assertThat(page.statusCode()).isEqualTo(500);
            assertThat(page.body()).contains("Something went wrong").doesNotContain("secret internals", "at org.");
        }
    }

    @Test
    void staticFilesAreServedWithCacheHeaders() {
        try (TestApp app = TestApp.start(Kind.SQLITE)) {
            HttpResponse<String> css = app.get("/static/css/hostr.css");
            assertThat(css.statusCode()).isEqualTo(200);
            assertThat(css.headers().firstValue("Cache-Control")).hasValue("public, max-age=3600");
            assertThat(css.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
            assertThat(css.body()).contains("{");

            String etag = css.headers().firstValue("ETag").orElseThrow();
            assertThat(app.get("/static/css/hostr.css", "If-None-Match", etag).statusCode()).isEqualTo(304);
            assertThat(app.get("/static/js/login.js").headers().firstValue("Content-Type").orElse(""))
                    .startsWith("text/javascript");
        }
    }

    @Test
    void staticFilesOutsideTheStaticFolderAreNotServed() {
        try (TestApp app = TestApp.start(Kind.SQLITE)) {
            for (String path : List.of("/static/../templates/layout.html", "/static/%2e%2e/logback-test.xml",
                    "/static/css/missing.css", "/static/org/hostr/Main.class", "/static/..%2fpom.xml",
                    "/static/css/hostr.css%00.png", "/static/css/..hostr.css", "/static/.hidden.css", "/static/css/hostr")) {
                HttpResponse<String> r = app.get(path);
                assertThat(r.statusCode()).as(path).isIn(400, 404);
                assertThat(r.body()).as(path).doesNotContain("{% ", "package org.hostr");
            }
        }
    }

    @Test
    void plansApiListsActivePlansInMinorUnits() {
        try (TestApp app = TestApp.start(Kind.SQLITE)) {
            HttpResponse<String> plans = app.get("/api/v1/plans");
            assertThat(plans.statusCode()).isEqualTo(200);
            assertThat(plans.body()).contains("\"slug\":\"basic\"", "\"price_minor\":500", "\"currency\":\"USD\"", "\"period\":\"P1M\"");
        }
    }

    @Test
    void metricsAreBehindTheBearerTokenWhenOneIsSet() {
        try (TestApp app = TestApp.start(Kind.SQLITE, c -> withMetricsToken(c, "m3tr1cs"), List.of())) {
            assertThat(app.get("/metrics").statusCode()).isEqualTo(401);
            assertThat(app.get("/metrics", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
            HttpResponse<String> ok = app.get("/metrics", "Authorization", "Bearer m3tr1cs");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void readinessFailsWhenPostgresLosesTheSchema() throws Exception {
        HostrConfig.Database db = TestDatabases.postgresConfig();
        try (TestApp app = TestApp.start(Kind.POSTGRES, c -> withDatabase(c, db), List.of())) {
            assertThat(app.get("/readyz").statusCode()).isEqualTo(200);
            String schema = db.url().substring(db.url().indexOf("currentSchema=") + "currentSchema=".length());
            dropSchemaWhileTheAppRuns(schema);
            HttpResponse<String> notReady = app.get("/readyz");
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).contains("not_ready");
            assertThat(app.get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    /** The app's job runner writes while the schema goes, so PostgreSQL may pick the drop as a deadlock victim: try again. */
    private static void dropSchemaWhileTheAppRuns(String schema) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try (var c = DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER, "")) {
                c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
                return;
            } catch (SQLException e) {
                if (!"40P01".equals(e.getSQLState()) || attempt == 10) throw e;
                Thread.sleep(50L * attempt);
            }
        }
    }

    @Test
    void readinessFailsWhenTheDatabaseIsGone() {
        try (TestApp app = TestApp.start(Kind.SQLITE)) {
            app.app().database().close();
            assertThat(app.get("/readyz").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void shutdownFinishesARequestInFlight() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        RouteGroup slow = routes -> routes.get("/test/slow", ctx -> {
            entered.countDown();
            Thread.sleep(1500);
            ctx.result("finished");
        });
        TestApp app = TestApp.start(Kind.SQLITE, c -> c, List.of(slow));
        CompletableFuture<HttpResponse<String>> inFlight = app.http().sendAsync(
                HttpRequest.newBuilder(URI.create(app.url("/test/slow"))).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        app.close();

        HttpResponse<String> response = inFlight.get(20, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("finished");
    }

    private static HostrConfig withMetricsToken(HostrConfig c, String token) {
        return new HostrConfig(c.server(), c.database(), c.auth(), c.strike(), c.billing(), c.secrets(),
                new HostrConfig.Metrics(true, token), c.dev(), c.notices(), c.plans(), c.whmServers());
    }

    private static HostrConfig withDatabase(HostrConfig c, HostrConfig.Database db) {
        return new HostrConfig(c.server(), db, c.auth(), c.strike(), c.billing(), c.secrets(), c.metrics(), c.dev(),
                c.notices(), c.plans(), c.whmServers());
    }
}
