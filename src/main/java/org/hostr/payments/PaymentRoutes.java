package org.hostr.payments;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hostr.auth.Auth;
import org.hostr.auth.Viewer;
import org.hostr.billing.Money;
import org.hostr.billing.OrderService;
import org.hostr.billing.PlacedOrder;
import org.hostr.web.ApiError;
import org.hostr.web.JsonBodies;
import org.hostr.web.Pages;
import org.hostr.web.RouteGroup;

/** Ordering and paying: POST /api/v1/orders, the invoice status and pay calls, and the pay page /invoices/{number}. */
public final class PaymentRoutes implements RouteGroup {
    private final OrderService orders;
    private final PaymentService payments;

    public PaymentRoutes(OrderService orders, PaymentService payments) {
        this.orders = orders;
        this.payments = payments;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/v1/orders", this::placeOrder);
        routes.get("/api/v1/invoices/{number}", ctx ->
                ctx.json(payments.status(Auth.customer(ctx).customerId(), ctx.pathParam("number"))));
        routes.post("/api/v1/invoices/{number}/pay", ctx ->
                ctx.json(payments.pay(Auth.customer(ctx).customerId(), ctx.pathParam("number"))));
        routes.get("/invoices/{number}", this::payPage);
        routes.get("/invoices/{number}/qr.svg", this::qr);
    }

    private void placeOrder(Context ctx) {
        Viewer viewer = Auth.customer(ctx);
        JsonNode body = JsonBodies.object(ctx);
        String plan = body.path("plan").asText("");
        if (plan.isBlank()) {
            throw ApiError.badRequest("plan_required", "send {\"plan\": \"<slug>\", \"domain\": \"example.com\"}");
        }
        PlacedOrder order = orders.placeOrder(viewer.customerId(), plan, body.path("domain").asText(null),
                ctx.header("Idempotency-Key"), body.path("promo_code").asText(null));
        Map<String, Object> invoice = new LinkedHashMap<>();
        invoice.put("number", order.invoiceNumber());
        invoice.put("status", order.status());
        invoice.put("total_minor", order.totalMinor());
        invoice.put("currency", order.currency());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("service_id", order.serviceId());
        answer.put("invoice", invoice);
        ctx.header("Location", "/invoices/" + order.invoiceNumber());
        ctx.status(201).json(answer);
    }

    private void payPage(Context ctx) {
        if (Auth.viewer(ctx).isEmpty()) {
            ctx.redirect("/login?next=/invoices/" + ctx.pathParam("number"));
            return;
        }
        long customerId = Auth.customer(ctx).customerId();
        InvoiceStatus status = payments.status(customerId, ctx.pathParam("number"));
        Map<String, Object> model = new HashMap<>();
        model.put("invoice", status);
        model.put("total", new Money(status.totalMinor(), status.currency()).display());
        model.put("paid", "PAID".equals(status.status()));
        model.put("cancelled", "CANCELLED".equals(status.status()));
        if ("UNPAID".equals(status.status())) {
            try {
                PaymentRequest request = payments.pay(customerId, status.number());
                model.put("payment", request);
                model.put("paid", "PAID".equals(request.status()));
                if (request.bolt11() != null) {
                    model.put("qr_svg", QrSvg.forBolt11(request.bolt11()));
                }
            } catch (ApiError e) {
                model.put("problem", e.getMessage()); // the page still renders; its script asks again
            }
        }
        Pages.render(ctx, "pay.html", model);
    }

    /** The QR of the invoice's current BOLT11, for the pay page after it fetched a new quote. */
    private void qr(Context ctx) {
        InvoiceStatus status = payments.status(Auth.customer(ctx).customerId(), ctx.pathParam("number"));
        if (status.payment() == null || status.payment().bolt11() == null) {
            throw ApiError.notFound("a Lightning invoice for " + status.number());
        }
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("image/svg+xml").result(QrSvg.forBolt11(status.payment().bolt11()));
    }
}
