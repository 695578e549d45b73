package org.hostr.billing;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hostr.auth.Auth;
import org.hostr.auth.Viewer;
import org.hostr.web.ApiError;
import org.hostr.web.JsonBodies;
import org.hostr.web.Pages;
import org.hostr.web.RouteGroup;

/**
 * The customer's renewal API and receipt page: POST /api/v1/services/{id}/renew and /upgrade, GET /api/v1/invoices
 * (history), GET /api/v1/receipts/{number} and the page /receipts/{number}. The next due date is in GET /me. The account
 * page's forms post the same renew and plan change to /account/services/{id}/renew and /plan ({@link ServiceForms}).
 */
public final class CustomerBillingRoutes implements RouteGroup {
    private final CustomerBillingService billing;

    public CustomerBillingRoutes(CustomerBillingService billing) {
        this.billing = billing;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/v1/services/{id}/renew", ctx -> {
            Viewer viewer = Auth.customer(ctx);
            ctx.json(Map.of("invoice", line(billing.renewNow(viewer.customerId(), id(ctx)))));
        });
        routes.post("/api/v1/services/{id}/upgrade", ctx -> {
            Viewer viewer = Auth.customer(ctx);
            var plan = JsonBodies.object(ctx).get("plan");
            CustomerBillingService.PlanChange change = billing.upgrade(viewer.customerId(), id(ctx),
                    plan == null || !plan.isTextual() ? null : plan.asText());
            ctx.status(change.invoiceNumber() == null ? 202 : 201).json(change);
        });
        routes.get("/api/v1/invoices", ctx -> {
            Viewer viewer = Auth.customer(ctx);
            List<Map<String, Object>> lines = billing.history(viewer.customerId()).stream()
                    .map(CustomerBillingRoutes::line).toList();
            ctx.json(Map.of("invoices", lines));
        });
        routes.get("/api/v1/receipts/{number}", ctx -> {
            Viewer viewer = Auth.customer(ctx);
            ctx.json(billing.receipt(viewer.customerId(), ctx.pathParam("number")));
        });
        routes.get("/receipts/{number}", ctx -> {
            Viewer viewer = Auth.customer(ctx);
            Receipt receipt = billing.receipt(viewer.customerId(), ctx.pathParam("number"));
            Pages.render(ctx, "receipt.html", Map.of("receipt", receipt));
        });
    }

    private static Map<String, Object> line(Invoice invoice) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("number", invoice.number());
        line.put("kind", invoice.kind());
        line.put("status", invoice.status());
        line.put("total_minor", invoice.totalMinor());
        line.put("currency", invoice.currency());
        line.put("period_from", invoice.periodFrom());
        line.put("period_to", invoice.periodTo());
        line.put("due_at", invoice.dueAt());
        line.put("paid_at", invoice.paidAt());
        return line;
    }

    static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiError.notFound("service " + ctx.pathParam("id"));
        }
    }
}
