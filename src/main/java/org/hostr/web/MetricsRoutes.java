package org.hostr.web;

import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** GET /metrics in the Prometheus text format, behind metrics.bearer_token when one is set. */
public final class MetricsRoutes implements RouteGroup {
    private final PrometheusMeterRegistry registry;
    private final String bearerToken;

    public MetricsRoutes(PrometheusMeterRegistry registry, String bearerToken) {
        this.registry = registry;
        this.bearerToken = bearerToken == null ? "" : bearerToken;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/metrics", ctx -> {
            if (!bearerToken.isEmpty() && !authorized(ctx.header("Authorization"))) {
                ctx.header("WWW-Authenticate", "Bearer");
                ErrorPages.respond(ctx, 401, "unauthorized", "metrics need the bearer token from metrics.bearer_token");
                return;
            }
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
        });
    }

    private boolean authorized(String header) {
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, bearerToken.getBytes(StandardCharsets.UTF_8));
    }
}
