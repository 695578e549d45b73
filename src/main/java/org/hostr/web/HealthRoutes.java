package org.hostr.web;

import io.javalin.config.RoutesConfig;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** /healthz: the process answers. /readyz: the database answers and is migrated, else 503. */
public final class HealthRoutes implements RouteGroup {
    private final BooleanSupplier ready;

    public HealthRoutes(BooleanSupplier ready) {
        this.ready = ready;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/healthz", ctx -> ctx.json(Map.of("status", "up")));
        routes.get("/readyz", ctx -> {
            if (ready.getAsBoolean()) {
                ctx.json(Map.of("status", "ready"));
            } else {
                ctx.status(503).json(Map.of("status", "not_ready", "message", "the database is not reachable or not migrated"));
            }
        });
    }
}
