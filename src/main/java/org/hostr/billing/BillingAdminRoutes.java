package org.hostr.billing;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hostr.auth.Auth;
import org.hostr.auth.Viewer;
import org.hostr.web.ApiError;
import org.hostr.web.JsonBodies;
import org.hostr.web.RouteGroup;

/** The admin's billing API (ARCHITECTURE §7): the sweep, the review queue, lifecycle actions and invoice actions. */
public final class BillingAdminRoutes implements RouteGroup {
    private final BillingAdminService admin;

    public BillingAdminRoutes(BillingAdminService admin) {
        this.admin = admin;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/v1/admin/billing/sweep", ctx -> ctx.json(admin.sweepNow(Auth.admin(ctx).actor())));
        routes.get("/api/v1/admin/billing/sweep", ctx -> {
            Auth.admin(ctx);
            ctx.json(Map.of("last_sweep", admin.lastSweep().map(r -> (Object) r).orElse(Map.of())));
        });
        routes.get("/api/v1/admin/review", ctx -> {
            Auth.admin(ctx);
            ctx.json(Map.of("services", admin.reviewQueue()));
        });
        routes.post("/api/v1/admin/services/{id}/suspend", ctx -> {
            Viewer viewer = Auth.admin(ctx);
            queued(ctx, admin.suspend(viewer.actor(), id(ctx), text(JsonBodies.object(ctx), "reason")));
        });
        routes.post("/api/v1/admin/services/{id}/unsuspend", ctx -> queued(ctx, admin.unsuspend(Auth.admin(ctx).actor(), id(ctx))));
        routes.post("/api/v1/admin/services/{id}/terminate", ctx -> {
            Viewer viewer = Auth.admin(ctx);
            queued(ctx, admin.terminate(viewer.actor(), id(ctx), text(optionalBody(ctx), "reason")));
        });
        routes.post("/api/v1/admin/services/{id}/extend", ctx -> {
            Viewer viewer = Auth.admin(ctx);
            JsonNode body = JsonBodies.object(ctx);
            JsonNode days = body.get("days");
            if (days == null || !days.canConvertToInt()) {
                throw ApiError.badRequest("bad_days", "days must be a whole number: {\"days\": 3, \"reason\": \"outage\"}");
            }
            ctx.json(Map.of("service_id", id(ctx), "next_due_at",
                    admin.extend(viewer.actor(), id(ctx), days.asInt(), text(body, "reason"))));
        });
        routes.post("/api/v1/admin/services/{id}/note", ctx -> {
            Viewer viewer = Auth.admin(ctx);
            admin.note(viewer.actor(), id(ctx), text(JsonBodies.object(ctx), "text"));
            ctx.status(201).json(Map.of("service_id", id(ctx)));
        });
        routes.post("/api/v1/admin/invoices/{number}/mark-paid", ctx -> {
            Viewer viewer = Auth.admin(ctx);
            PaidInvoice paid = admin.markPaid(viewer.actor(), ctx.pathParam("number"), text(JsonBodies.object(ctx), "reason"));
            ctx.json(Map.of("number", paid.number(), "status", Invoice.PAID, "paid_at", paid.paidAt()));
        });
        routes.post("/api/v1/admin/invoices/{number}/cancel", ctx -> {
            Viewer viewer = Auth.admin(ctx);
            admin.cancelInvoice(viewer.actor(), ctx.pathParam("number"), text(optionalBody(ctx), "reason"));
            ctx.json(Map.of("number", ctx.pathParam("number"), "status", Invoice.CANCELLED));
        });
        routes.post("/api/v1/admin/invoices/{number}/refund", ctx -> {
            Viewer viewer = Auth.admin(ctx);
            JsonNode body = JsonBodies.object(ctx);
            JsonNode amount = body.get("amount_minor");
            if (amount != null && !amount.isNull() && !amount.canConvertToLong()) {
                throw ApiError.badRequest("bad_amount", "amount_minor must be a whole number of minor units");
            }
            long refunded = admin.refundToBalance(viewer.actor(), ctx.pathParam("number"),
                    amount == null || amount.isNull() ? null : amount.asLong(), text(body, "reason"));
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("number", ctx.pathParam("number"));
            reply.put("refunded_minor", refunded);
            ctx.json(reply);
        });
    }

    private static void queued(Context ctx, long jobId) {
        ctx.status(202).json(Map.of("status", "queued", "job_id", jobId));
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiError.notFound("service " + ctx.pathParam("id"));
        }
    }

    private static JsonNode optionalBody(Context ctx) {
        return ctx.bodyAsBytes().length == 0 ? com.fasterxml.jackson.databind.node.NullNode.getInstance()
                : JsonBodies.object(ctx);
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }
}
