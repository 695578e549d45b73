package org.hostr.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hostr.audit.AuditLog;
import org.hostr.auth.Auth;
import org.hostr.auth.Viewer;
import org.hostr.billing.Money;
import org.hostr.catalog.BillingPeriod;
import org.hostr.catalog.CatalogService;
import org.hostr.catalog.Plan;
import org.hostr.catalog.PlanRepository;
import org.hostr.db.Database;
import org.hostr.provisioning.ServerService;
import org.hostr.web.ApiError;
import org.hostr.web.RouteGroup;

/** Admin → plans: list, create, edit, retire. A plan is never deleted: services and invoices point at it. */
final class PlanPages implements RouteGroup {
    private static final Set<String> PERIODS = Arrays.stream(BillingPeriod.values()).map(Enum::name)
            .collect(Collectors.toSet());
    private static final String SLUG = "[a-z0-9][a-z0-9-]{0,39}";

    private final Database database;
    private final CatalogService catalog;
    private final AdminQueries queries;
    private final AuditLog audit;
    private final Clock clock;
    private final ServerService servers;

    PlanPages(Database database, CatalogService catalog, AdminQueries queries, AuditLog audit, Clock clock,
              ServerService servers) {
        this.servers = servers;
        this.database = database;
        this.catalog = catalog;
        this.queries = queries;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/admin/plans", ctx -> {
            Auth.admin(ctx);
            list(ctx, 200, null, Map.of());
        });
        routes.post("/admin/plans", this::create);
        routes.get("/admin/plans/{id}/edit", ctx -> {
            Auth.admin(ctx);
            Plan plan = plan(ctx);
            edit(ctx, 200, plan, null, values(plan));
        });
        routes.post("/admin/plans/{id}/edit", this::save);
        routes.post("/admin/plans/{id}/retire", this::retire);
    }

    private void create(Context ctx) {
        Viewer admin = Auth.admin(ctx);
        AdminForm form = new AdminForm(ctx);
        String slug = form.pattern("slug", "Slug", SLUG, "lower-case letters, digits and dashes, such as \"starter\" (at most 40)");
        Plan plan = read(form, 0, slug);
        if (form.ok() && catalog.allPlans().stream().anyMatch(p -> p.slug().equals(slug))) {
            form.error("Slug \"" + slug + "\" is taken by another plan: pick another");
        }
        if (form.ok() && plan.active()) {
            requirePackage(form, plan.whmPackage());
        }
        if (!form.ok()) {
            list(ctx, 400, form.errors(), form.values());
            return;
        }
        store(plan, admin, "plan.create");
        AdminView.redirect(ctx, "/admin/plans", "plan-created");
    }

    private void save(Context ctx) {
        Viewer admin = Auth.admin(ctx);
        Plan current = plan(ctx);
        AdminForm form = new AdminForm(ctx);
        Plan plan = read(form, current.id(), current.slug());
        if (form.ok() && plan.active() && !plan.whmPackage().equals(current.whmPackage())) {
            requirePackage(form, plan.whmPackage());
        }
        if (!form.ok()) {
            edit(ctx, 400, current, form.errors(), form.values());
            return;
        }
        store(plan, admin, "plan.edit");
        AdminView.redirect(ctx, "/admin/plans", "plan-saved");
    }

    /** A plan on sale must name a package every active WHM server has, or its accounts could not be created. */
    private void requirePackage(AdminForm form, String whmPackage) {
        ServerService.PackageCheck check = servers.checkPackage(whmPackage);
        if (!check.missingOn().isEmpty()) {
            form.error("WHM package \"" + whmPackage + "\" does not exist on " + String.join(", ", check.missingOn())
                    + ": create it in WHM » Packages » Add a Package, or name a package those servers have");
        }
    }

    private void retire(Context ctx) {
        Viewer admin = Auth.admin(ctx);
        Plan p = plan(ctx);
        store(new Plan(p.id(), p.slug(), p.name(), p.description(), p.storageMb(), p.bandwidthMb(), p.whmPackage(),
                p.priceMinor(), p.setupMinor(), p.currency(), p.period(), false, p.sort()), admin, "plan.retire");
        AdminView.redirect(ctx, "/admin/plans", "plan-retired");
    }

    /** The plan's fields from the form; null fields where the form is wrong (the form then holds the reasons). */
    private static Plan read(AdminForm form, long id, String slug) {
        String name = form.line("name", "Name", 80, true);
        String description = form.line("description", "Description", 500, false);
        Long storage = form.number("storage_mb", "Storage (MB)", 0, 100_000_000, null);
        Long bandwidth = form.number("bandwidth_mb", "Bandwidth (MB)", 0, 1_000_000_000, null);
        String pkg = form.pattern("whm_package", "WHM package", "[A-Za-z0-9_.-]{1,64}",
                "the package's name in WHM: letters, digits, _ . - (at most 64)");
        String currency = form.pattern("currency", "Currency", "[A-Z]{3}", "a three-letter code such as USD or EUR");
        Long price = form.amount("price", "Price", currency);
        Long setup = form.amount("setup", "Setup fee", currency);
        String period = form.choice("period", "Billing period", PERIODS);
        Long sort = form.number("sort", "Sort order", -1000, 1000, 0L);
        boolean active = form.checked("active");
        if (!form.ok()) {
            return null;
        }
        return new Plan(id, slug, name, description == null ? "" : description, storage, bandwidth, pkg, price, setup,
                currency, BillingPeriod.valueOf(period), active, sort);
    }

    private void store(Plan plan, Viewer admin, String action) {
        Instant now = clock.instant();
        database.transactionRun(tx -> {
            Plan stored = new PlanRepository(tx).upsert(tx, plan, now);
            audit.record(tx, admin.actor(), action, "plan:" + stored.id(), describe(stored), now);
        });
        catalog.plansChanged();
    }

    private static String describe(Plan p) {
        return "slug=" + p.slug() + ", name=" + p.name() + ", price=" + new Money(p.priceMinor(), p.currency()).display()
                + " per " + p.period().unit() + ", setup=" + new Money(p.setupMinor(), p.currency()).display()
                + ", package=" + p.whmPackage() + ", active=" + p.active();
    }

    private Plan plan(Context ctx) {
        long id = AdminView.id(ctx, "plan");
        return catalog.plan(id).orElseThrow(() -> ApiError.notFound("plan " + id));
    }

    private void list(Context ctx, int status, List<String> errors, Map<String, String> values) {
        Map<Long, Long> live = queries.liveServicesPerPlan();
        List<Map<String, Object>> plans = catalog.allPlans().stream().map(p -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("plan", p);
            row.put("price", new Money(p.priceMinor(), p.currency()).display() + " / " + p.period().unit());
            row.put("live", live.getOrDefault(p.id(), 0L));
            return row;
        }).toList();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("plans", plans);
        model.put("periods", BillingPeriod.values());
        model.put("errors", errors);
        model.put("form", values.isEmpty() ? Map.of("currency", "USD", "period", "P1M", "active", "on", "sort", "0") : values);
        ctx.status(status);
        AdminView.render(ctx, "plans.html", "plans", model);
    }

    private void edit(Context ctx, int status, Plan plan, List<String> errors, Map<String, String> values) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("plan", plan);
        model.put("periods", BillingPeriod.values());
        model.put("errors", errors);
        model.put("form", values);
        ctx.status(status);
        AdminView.render(ctx, "plan-edit.html", "plans", model);
    }

    private static Map<String, String> values(Plan p) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("name", p.name());
        v.put("description", p.description());
        v.put("storage_mb", Long.toString(p.storageMb()));
        v.put("bandwidth_mb", Long.toString(p.bandwidthMb()));
        v.put("whm_package", p.whmPackage());
        v.put("currency", p.currency());
        v.put("price", new Money(p.priceMinor(), p.currency()).toDecimal().toPlainString());
        v.put("setup", new Money(p.setupMinor(), p.currency()).toDecimal().toPlainString());
        v.put("period", p.period().name());
        v.put("sort", Long.toString(p.sort()));
        if (p.active()) {
            v.put("active", "on");
        }
        return v;
    }
}
