package org.hostr.time;

import io.javalin.config.RoutesConfig;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.hostr.auth.Auth;
import org.hostr.web.ApiError;
import org.hostr.web.JsonBodies;
import org.hostr.web.RouteGroup;

/** POST /api/v1/admin/clock {"now": "<ISO-8601>"}: only registered with [dev] test_clock, so otherwise it is a 404. */
public final class ClockRoutes implements RouteGroup {
    private final MovableClock clock;

    public ClockRoutes(MovableClock clock) {
        this.clock = clock;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/v1/admin/clock", ctx -> {
            Auth.admin(ctx);
            ctx.json(Map.of("now", clock.instant().toString()));
        });
        routes.post("/api/v1/admin/clock", ctx -> {
            Auth.admin(ctx);
            String now = JsonBodies.object(ctx).path("now").asText("");
            Instant target;
            try {
                target = Instant.parse(now);
            } catch (DateTimeParseException e) {
                throw ApiError.badRequest("bad_time", "now must be an ISO-8601 instant such as 2027-01-31T12:00:00Z");
            }
            if (target.isBefore(clock.instant())) {
                throw ApiError.badRequest("clock_backwards", "the clock only moves forward; it reads " + clock.instant());
            }
            ctx.json(Map.of("now", clock.moveTo(target).toString()));
        });
    }
}
