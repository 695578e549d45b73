package org.hostr.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into a clear answer: JSON {"error","message"} under /api and /webhooks, an HTML page elsewhere.
 * A 500 never carries a stack trace or an exception message; it carries an id that is also in the log.
 */
final class ErrorPages implements RouteGroup {
    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);
    private static final String HANDLED = "hostr.error-handled";

    @Override
    public void addTo(RoutesConfig routes) {
        routes.exception(ApiError.class, (e, ctx) -> respond(ctx, e.status(), e.code(), e.getMessage()));
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            int status = e.getStatus();
            respond(ctx, status, codeFor(status), status >= 500 ? "the server could not complete the request" : e.getMessage());
        });
        routes.exception(Exception.class, (e, ctx) -> {
            String id = UUID.randomUUID().toString().substring(0, 8);
            log.error("request {} {} failed (error id {})", ctx.method(), ctx.path(), id, e);
            respond(ctx, 500, "internal_error", "something went wrong on our side (error id " + id + ")");
        });
        routes.error(404, "*", ctx -> {
            if (ctx.attribute(HANDLED) == null) {
                respond(ctx, 404, "not_found", "there is nothing at " + ctx.path());
            }
        });
        routes.error(405, "*", ctx -> {
            if (ctx.attribute(HANDLED) == null) {
                respond(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path());
            }
        });
    }

    static void respond(Context ctx, int status, String code, String message) {
        ctx.attribute(HANDLED, Boolean.TRUE);
        ctx.status(status);
        if (Pages.isApi(ctx) || prefersJson(ctx)) {
            ctx.json(new ErrorBody(code, message));
        } else {
            Pages.render(ctx, "error.html", Map.of("status", status, "code", code, "message", message));
        }
    }

    private static boolean prefersJson(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("application/json") && !accept.contains("text/html");
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "rate_limited";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
    }
}
