package org.hostr.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hostr.admin.InvoiceQueries.InvoiceDetail;
import org.hostr.auth.Auth;
import org.hostr.auth.Viewer;
import org.hostr.billing.BillingAdminService;
import org.hostr.web.ApiError;
import org.hostr.web.RouteGroup;

/**
 * Admin → one invoice: its amounts, payments and audit trail, with the invoice actions of ARCHITECTURE §7: mark paid
 * by hand (money received another way) and cancel while UNPAID; refund to the customer's balance once PAID. Each
 * needs a reason for the audit log; BillingAdminService checks the state again and audits the change.
 */
final class InvoicePages implements RouteGroup {
    /** Invoice numbers as InvoiceNumbers makes them (INV-2026-000123); anything else cannot name an invoice. */
    private static final String NUMBER = "[A-Za-z0-9-]{1,40}";

    private final InvoiceQueries invoices;
    private final AdminQueries queries;
    private final BillingAdminService billing;

    InvoicePages(InvoiceQueries invoices, AdminQueries queries, BillingAdminService billing) {
        this.invoices = invoices;
        this.queries = queries;
        this.billing = billing;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/admin/invoices/{number}", ctx -> {
            Auth.admin(ctx);
            show(ctx, 200, invoice(ctx), null, null, Map.of());
        });
        routes.post("/admin/invoices/{number}/mark-paid", ctx -> act(ctx, "mark-paid"));
        routes.post("/admin/invoices/{number}/cancel", ctx -> act(ctx, "cancel"));
        routes.post("/admin/invoices/{number}/refund", ctx -> act(ctx, "refund"));
    }

    private void act(Context ctx, String action) {
        Viewer admin = Auth.admin(ctx);
        InvoiceDetail invoice = invoice(ctx);
        AdminForm form = new AdminForm(ctx);
        Long amount = action.equals("refund") ? form.optionalAmount("amount", "Amount", invoice.currency()) : null;
        String reason = form.line("reason", "Reason", ServiceActions.REASON_MAX, true);
        if (!form.ok()) {
            show(ctx, 400, invoice, action, form.errors(), form.values());
            return;
        }
        try {
            switch (action) {
                case "mark-paid" -> billing.markPaid(admin.actor(), invoice.number(), reason);
                case "cancel" -> billing.cancelInvoice(admin.actor(), invoice.number(), reason);
                default -> billing.refundToBalance(admin.actor(), invoice.number(), amount, reason);
            }
        } catch (ApiError e) {
            if (e.status() == 404) {
                throw e;
            }
            form.error(ServiceActions.sentence(e.getMessage()));
            show(ctx, e.status(), invoice, action, form.errors(), form.values());
            return;
        }
        AdminView.redirect(ctx, "/admin/invoices/" + invoice.number(), switch (action) {
            case "mark-paid" -> "invoice-marked-paid";
            case "cancel" -> "invoice-cancelled";
            default -> "invoice-refunded";
        });
    }

    private InvoiceDetail invoice(Context ctx) {
        String number = ctx.pathParam("number");
        if (!number.matches(NUMBER)) {
            throw ApiError.notFound("invoice " + (number.length() > 40 ? number.substring(0, 40) + "…" : number));
        }
        return invoices.invoice(number).orElseThrow(() -> ApiError.notFound("invoice " + number));
    }

    private void show(Context ctx, int status, InvoiceDetail invoice, String formAction, List<String> errors,
                      Map<String, String> values) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("invoice", invoice);
        model.put("payments", invoices.paymentsOf(invoice.id()));
        model.put("trail", queries.audit(null, invoice.number(), 1).rows());
        model.put("formAction", formAction);
        model.put("errors", errors);
        model.put("form", values);
        ctx.status(status);
        AdminView.render(ctx, "invoice.html", "invoices", model);
    }
}
