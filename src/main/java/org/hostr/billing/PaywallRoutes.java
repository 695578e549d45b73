package org.hostr.billing;

import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hostr.auth.Auth;
import org.hostr.auth.Viewer;
import org.hostr.web.RouteGroup;

/** GET /api/v1/paywall: what the customer must pay to keep or restore their hosting. */
public final class PaywallRoutes implements RouteGroup {
    private final AccountOverview overview;

    public PaywallRoutes(AccountOverview overview) {
        this.overview = overview;
    }

    /** A customer's paywall: services cut off for non-payment, and the invoices that restore them. */
    public record Paywall(List<AccountOverview.ServiceLine> expiredServices, List<AccountOverview.InvoiceLine> unpaidInvoices,
                          List<Map<String, Object>> totalDue) {
    }

    public static Paywall of(AccountOverview overview, long customerId) {
        List<AccountOverview.ServiceLine> expired = overview.services(customerId).stream()
                .filter(s -> "EXPIRED".equals(s.status())).toList();
        List<AccountOverview.InvoiceLine> unpaid = overview.invoices(customerId).stream()
                .filter(i -> "UNPAID".equals(i.status())).toList();
        Map<String, Long> totals = new TreeMap<>();
        unpaid.forEach(i -> totals.merge(i.currency(), i.totalMinor(), Long::sum));
        List<Map<String, Object>> due = totals.entrySet().stream().map(e -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("currency", e.getKey());
            line.put("total_minor", e.getValue());
            line.put("total", new Money(e.getValue(), e.getKey()).display());
            return line;
        }).toList();
        return new Paywall(expired, unpaid, due);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/v1/paywall", ctx -> {
            Viewer viewer = Auth.customer(ctx);
            ctx.json(of(overview, viewer.customerId()));
        });
    }
}
