package org.hostr;

import io.javalin.config.RoutesConfig;
import java.util.Map;
import org.hostr.auth.Auth;
import org.hostr.sim.strike.StrikeSimulator;
import org.hostr.web.ApiError;
import org.hostr.web.RouteGroup;

/** Demo only: "Simulate payment" on the pay page asks the Strike simulator to pay the Lightning invoice shown. */
final class DemoPaymentRoutes implements RouteGroup {
    private final StrikeSimulator strike;

    DemoPaymentRoutes(StrikeSimulator strike) {
        this.strike = strike;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/demo/simulate-payment", ctx -> {
            Auth.customer(ctx);
            String bolt11 = ctx.formParam("bolt11");
            if (bolt11 == null || !bolt11.startsWith("lnbc") || bolt11.length() > 2000) {
                throw ApiError.badRequest("bad_invoice", "a Lightning invoice from the pay page is required");
            }
            try {
                strike.payLnInvoice(bolt11);
            } catch (RuntimeException e) {
                throw ApiError.unprocessable("not_payable", "the simulator cannot pay this invoice: " + e.getMessage());
            }
            ctx.json(Map.of("paid", true));
        });
    }
}
