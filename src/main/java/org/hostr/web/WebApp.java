package org.hostr.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
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
            cfg.requestLogger.http((ctx, millis) -> logAndMeasure(ctx, millis, meters));

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
    private static void logAndMeasure(Context ctx, Float millis, MeterRegistry meters) {
        int status = ctx.statusCode();
        String route = ctx.endpoint() == null ? "unmatched" : ctx.endpoint().path;
        accessLog.info("{} {} {} {}ms {}", ctx.method(), ctx.path(), status, Math.round(millis), ctx.ip());
        if (meters != null) {
            Timer.builder("http.server.requests")
                    .tag("method", ctx.method().name())
                    .tag("route", route)
                    .tag("status", Integer.toString(status))
                    .register(meters)
                    .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
        }
    }
}
