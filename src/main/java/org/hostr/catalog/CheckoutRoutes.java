package org.hostr.catalog;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hostr.auth.Auth;
import org.hostr.billing.OrderService;
import org.hostr.billing.PlacedOrder;
import org.hostr.web.ApiError;
import org.hostr.web.Pages;
import org.hostr.web.RouteGroup;

/**
 * The order form behind every "Choose" button: GET /order/{plan} asks for the domain (and a promo code), POST places
 * the order as POST /api/v1/orders does and sends the customer on to the pay page. A plain form, so ordering needs no
 * JavaScript.
 */
public final class CheckoutRoutes implements RouteGroup {
    /** Errors about the domain field, so the page can mark that field as the one to fix. */
    private static final Set<String> DOMAIN_ERRORS = Set.of("bad_domain", "domain_taken");

    private final CatalogService catalog;
    private final OrderService orders;

    public CheckoutRoutes(CatalogService catalog, OrderService orders) {
        this.catalog = catalog;
        this.orders = orders;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/order/{plan}", ctx -> {
            Plan plan = plan(ctx);
            if (Auth.viewer(ctx).isEmpty()) {
                ctx.redirect("/login?next=/order/" + plan.slug());
                return;
            }
            // One key per form shown: a double-clicked or retried submit returns the first order instead of a second.
            render(ctx, plan, "", "", UUID.randomUUID().toString(), null);
        });
        routes.post("/order/{plan}", this::place);
    }

    private void place(Context ctx) {
        long customerId = Auth.customer(ctx).customerId();
        Plan plan = plan(ctx);
        String domain = ctx.formParam("domain");
        String promo = ctx.formParam("promo_code");
        String key = ctx.formParam("idempotency_key");
        try {
            PlacedOrder order = orders.placeOrder(customerId, plan.slug(), domain, key, promo);
            ctx.redirect("/invoices/" + order.invoiceNumber(), HttpStatus.SEE_OTHER);
        } catch (ApiError e) {
            ctx.status(e.status());
            render(ctx, plan, domain, promo, key, e);
        }
    }

    private Plan plan(Context ctx) {
        String slug = ctx.pathParam("plan");
        return catalog.activePlan(slug).orElseThrow(() -> ApiError.notFound("a plan on sale named \"" + slug + "\""));
    }

    private static void render(Context ctx, Plan plan, String domain, String promo, String key, ApiError error) {
        Map<String, Object> model = new HashMap<>();
        model.put("plan", StorefrontRoutes.PlanView.of(plan));
        model.put("domain", domain == null ? "" : domain);
        model.put("promo_code", promo == null ? "" : promo);
        model.put("idempotency_key", key == null ? UUID.randomUUID().toString() : key);
        if (error != null) {
            model.put("error", error.getMessage());
            model.put("domain_error", DOMAIN_ERRORS.contains(error.code()));
        }
        Pages.render(ctx, "checkout.html", model);
    }
}
