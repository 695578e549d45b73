package org.hostr.catalog;

import io.javalin.config.RoutesConfig;
import java.util.List;
import java.util.Map;
import org.hostr.billing.Money;
import org.hostr.web.Pages;
import org.hostr.web.RouteGroup;

/** The storefront: the home page with the active plans, the plan comparison, and GET /api/v1/plans. */
public final class StorefrontRoutes implements RouteGroup {
    private final CatalogService catalog;

    public StorefrontRoutes(CatalogService catalog) {
        this.catalog = catalog;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/", ctx -> Pages.render(ctx, "home.html", Map.of("plans", views(catalog.activePlans()))));
        routes.get("/plans", ctx -> Pages.render(ctx, "plans.html", Map.of("plans", views(catalog.activePlans()))));
        routes.get("/api/v1/plans", ctx -> ctx.json(Map.of("plans", catalog.activePlans().stream().map(PlanJson::of).toList())));
    }

    static List<PlanView> views(List<Plan> plans) {
        return plans.stream().map(PlanView::of).toList();
    }

    /** A plan as the pages show it. */
    public record PlanView(String slug, String name, String description, String storage, String bandwidth, String price,
                           String setup, String period, String periodAdjective) {
        static PlanView of(Plan p) {
            return new PlanView(p.slug(), p.name(), p.description(), megabytes(p.storageMb()), megabytes(p.bandwidthMb()),
                    new Money(p.priceMinor(), p.currency()).display(),
                    p.setupMinor() > 0 ? new Money(p.setupMinor(), p.currency()).display() : null,
                    p.period().unit(), p.period().adjective());
        }
    }

    /** A plan in the API: snake_case, money in minor units with the currency. */
    public record PlanJson(String slug, String name, String description, long storageMb, long bandwidthMb, long priceMinor,
                           long setupMinor, String currency, String period) {
        static PlanJson of(Plan p) {
            return new PlanJson(p.slug(), p.name(), p.description(), p.storageMb(), p.bandwidthMb(), p.priceMinor(),
                    p.setupMinor(), p.currency(), p.period().name());
        }
    }

    static String megabytes(long mb) {
        if (mb == 0) {
            return "Unlimited";
        }
        if (mb % 1024 == 0) {
            return (mb / 1024) + " GB";
        }
        return mb + " MB";
    }
}
