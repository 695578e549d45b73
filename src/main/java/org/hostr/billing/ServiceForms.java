package org.hostr.billing;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import org.hostr.auth.Auth;
import org.hostr.web.ApiError;
import org.hostr.web.Pages;
import org.hostr.web.RouteGroup;

/**
 * The account page's per-service forms, so renewing and changing plan need no JavaScript: POST
 * /account/services/{id}/renew and /account/services/{id}/plan (field {@code plan}; the CSRF token as a form field).
 * Both do what the JSON API does and lead to the pay page of the invoice; a cheaper plan instead shows the credit.
 * A refusal is a page that says what to fix (for a service that is not the customer's, the usual not-found page); the
 * service refuses before it writes anything.
 */
public final class ServiceForms implements RouteGroup {
    private final CustomerBillingService billing;

    public ServiceForms(CustomerBillingService billing) {
        this.billing = billing;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/account/services/{id}/renew", ctx -> {
            long customerId = Auth.customer(ctx).customerId();
            try {
                Invoice invoice = billing.renewNow(customerId, CustomerBillingRoutes.id(ctx));
                ctx.redirect("/invoices/" + invoice.number(), HttpStatus.SEE_OTHER);
            } catch (ApiError e) {
                refused(ctx, e);
            }
        });
        routes.post("/account/services/{id}/plan", ctx -> {
            long customerId = Auth.customer(ctx).customerId();
            try {
                CustomerBillingService.PlanChange change = billing.upgrade(customerId, CustomerBillingRoutes.id(ctx),
                        ctx.formParam("plan"));
                if (change.invoiceNumber() != null) {
                    ctx.redirect("/invoices/" + change.invoiceNumber(), HttpStatus.SEE_OTHER);
                    return;
                }
                Pages.render(ctx, "service-change.html", Map.of("change", change,
                        "credit", new Money(change.creditMinor(), change.currency()).display()));
            } catch (ApiError e) {
                refused(ctx, e);
            }
        });
    }

    private static void refused(Context ctx, ApiError e) {
        if (e.status() == 404) {
            // The shop's own not-found page, which web/ErrorPages renders for every 404 after the handler has run.
            throw new ApiError(404, e.code(), whatToFix(e));
        }
        ctx.status(e.status());
        Pages.render(ctx, "service-change.html", Map.of("problem", whatToFix(e)));
    }

    /** The API's messages name fields and endpoints; a person at the form needs to know what to choose instead. */
    static String whatToFix(ApiError e) {
        return switch (e.code()) {
            case "plan_required" -> "Choose the plan to move to, then press Change plan.";
            case "same_plan" -> "The service is already on that plan. Choose a different plan.";
            case "plan_unavailable" -> "That plan is not on sale. Choose one of the plans listed under the "
                    + "service on your account page.";
            case "not_active" -> sentence(e) + " Pay the renewal of an expired service first; a terminated service "
                    + "cannot come back, so order a new plan instead.";
            case "not_renewable" -> sentence(e) + " Order a new plan instead.";
            // The same words for another customer's service and for one that never existed: ids reveal nothing.
            case "not_found" -> "There is no such service on your account. Go back to your account and use the forms "
                    + "under the service.";
            default -> sentence(e);
        };
    }

    private static String sentence(ApiError e) {
        String message = e.getMessage();
        return Character.toUpperCase(message.charAt(0)) + message.substring(1) + (message.endsWith(".") ? "" : ".");
    }
}
