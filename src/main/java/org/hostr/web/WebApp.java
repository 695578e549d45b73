package org.hostr.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles the Javalin app: JSON, templates, static files, error pages, access log and request metrics, then every
 * feature's routes. Main and the tests build the app through here, so tests exercise the same routes as production.
 */
public final class WebApp {
    private static final Logger accessLog = LoggerFactory.getLogger("hostr.access");

    private WebApp() {
    }

    public record Settings(String host, int port, Pages.Site site, String trustedProxyHeader, long maxRequestBytes,
                           Duration stopTimeout) {
    }

    public static Javalin create(Settings settings, ObjectMapper json, MeterRegistry meters, List<RouteGroup> groups) {
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = settings.host();
            cfg.jetty.port = settings.port();
            cfg.http.maxRequestSize = settings.maxRequestBytes();
            // Javalin copies every answer through a buffer of this size, new per response; Jetty's 32 KiB default
            // made it most of the garbage a small JSON answer leaves behind. Bigger answers just take more rounds.
            cfg.http.responseBufferSize = 4096;
            cfg.jsonMapper(new JavalinJackson(json, false));
            cfg.fileRenderer(new PebbleRenderer());
            cfg.router.ignoreTrailingSlashes = true;
            ClientAddress.configure(cfg.contextResolver, settings.trustedProxyHeader());
            cfg.jetty.modifyServer(server -> graceful(server, settings.stopTimeout()));
            // Jetty keeps a per-connection cache of header values (Authorization and Cookie among them) to reuse when a
            // later request on the connection repeats one. A signed Nostr header never repeats, so each one was copied
            // into the cache in vain, and the cache cleared when full: 3-4% of a login's CPU. Without it a repeated
            // header costs one small string.
            cfg.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));
            RequestTimers timers = meters == null ? null : new RequestTimers(meters);
            cfg.requestLogger.http((ctx, millis) -> logAndMeasure(ctx, millis, timers));

            cfg.routes.before(ctx -> {
                ctx.attribute(Pages.SITE, settings.site());
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Referrer-Policy", "same-origin");
                if (!Pages.isApi(ctx)) {
                    ctx.header("X-Frame-Options", "DENY");
                }
            });
            new ErrorPages().addTo(cfg.routes);
            new StaticAssets().addTo(cfg.routes);
            for (RouteGroup group : groups) {
                group.addTo(cfg.routes);
            }
        });
    }

    /** Lets requests in flight finish on stop (SIGTERM) instead of cutting them off. */
    private static void graceful(Server server, Duration stopTimeout) {
        server.setStopTimeout(stopTimeout.toMillis());
        server.setStopAtShutdown(false);
        Handler inner = server.getHandler();
        if (!(inner instanceof GracefulHandler)) {
            GracefulHandler graceful = new GracefulHandler();
            graceful.setHandler(inner);
            server.setHandler(graceful);
        }
    }

    /** One access-log line per request: no query string, no headers, so no secret reaches the log. */
    private static void logAndMeasure(Context ctx, Float millis, RequestTimers timers) {
        int status = ctx.statusCode();
        if (accessLog.isInfoEnabled()) {
            accessLog.info("{} {} {} {}ms {}", ctx.method(), ctx.path(), status, Math.round(millis), ctx.ip());
        }
        if (timers != null) {
            String route = ctx.endpoint() == null ? "unmatched" : ctx.endpoint().path;
            timers.of(ctx.method().name(), route, status).record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * The request timers by method, route and status, looked up in a map of their own: registering through Micrometer's
     * builder sorts and compares the tags on every request. Routes are the app's own paths, so the map stays small.
     */
    private static final class RequestTimers {
        private record Key(String method, String route, int status) {
        }

        private final MeterRegistry meters;
        private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

        RequestTimers(MeterRegistry meters) {
            this.meters = meters;
        }

        Timer of(String method, String route, int status) {
            return timers.computeIfAbsent(new Key(method, route, status), key -> Timer.builder("http.server.requests")
                    .tag("method", key.method())
                    .tag("route", key.route())
                    .tag("status", Integer.toString(key.status()))
                    .register(meters));
        }
    }
}
