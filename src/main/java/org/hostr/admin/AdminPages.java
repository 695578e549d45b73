package org.hostr.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hostr.admin.AdminQueries.ServiceFilter;
import org.hostr.admin.AdminRows.CustomerRow;
import org.hostr.admin.AdminRows.Page;
import org.hostr.auth.Auth;
import org.hostr.billing.Money;
import org.hostr.catalog.CatalogService;
import org.hostr.jobs.JobQueue;
import org.hostr.jobs.JobStatus;
import org.hostr.provisioning.DriftCheck;
import org.hostr.provisioning.DriftReport;
import org.hostr.provisioning.ServerService;
import org.hostr.provisioning.ServiceStatus;
import org.hostr.web.ApiError;
import org.hostr.web.RouteGroup;

/**
 * The admin's HTML pages (ARCHITECTURE §7): dashboard, customers, services, invoices, audit log and drift report
 * here; plans, servers, the review queue and jobs, which also take actions, in their own classes. Every handler asks
 * {@link Auth#admin} first; the cookie's CSRF token is checked before any POST reaches here (AuthFilter).
 */
public final class AdminPages implements RouteGroup {
    static final Set<String> SERVICE_STATUSES = Arrays.stream(ServiceStatus.values()).map(Enum::name)
            .collect(Collectors.toCollection(java.util.TreeSet::new));
    static final Set<String> INVOICE_STATUSES = Set.of("UNPAID", "PAID", "CANCELLED");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yy", Locale.ENGLISH);
    private static final int REVENUE_MONTHS = 12;

    private final AdminQueries queries;
    private final CatalogService catalog;
    private final ServerService servers;
    private final JobQueue jobs;
    private final DriftCheck drift;
    private final LastSweep lastSweep;
    private final Clock clock;
    private final List<RouteGroup> actions;

    public AdminPages(AdminQueries queries, CatalogService catalog, ServerService servers, JobQueue jobs, DriftCheck drift,
                      LastSweep lastSweep, Clock clock, List<RouteGroup> actions) {
        this.queries = queries;
        this.catalog = catalog;
        this.servers = servers;
        this.jobs = jobs;
        this.drift = drift;
        this.lastSweep = lastSweep;
        this.clock = clock;
        this.actions = actions;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/admin", this::dashboard);
        routes.get("/admin/customers", this::customers);
        routes.get("/admin/customers/{id}", this::customer);
        routes.get("/admin/services", this::services);
        routes.get("/admin/invoices", this::invoices);
        routes.get("/admin/audit", this::audit);
        routes.get("/admin/drift", this::drift);
        actions.forEach(group -> group.addTo(routes));
    }

    private void dashboard(Context ctx) {
        Auth.admin(ctx);
        Instant now = clock.instant();
        Map<String, Long> byStatus = queries.servicesByStatus();
        long maxStatus = byStatus.values().stream().mapToLong(Long::longValue).max().orElse(0);
        List<Map<String, Object>> statuses = new ArrayList<>();
        for (ServiceStatus s : ServiceStatus.values()) {
            long n = byStatus.getOrDefault(s.name(), 0L);
            statuses.add(Map.of("status", s.name(), "count", n, "percent", maxStatus == 0 ? 0 : n * 100 / maxStatus));
        }
        Map<JobStatus, Long> jobCounts = jobs.countsByStatus();
        List<Map<String, Object>> jobRows = new ArrayList<>();
        for (JobStatus s : JobStatus.values()) {
            jobRows.add(Map.of("status", s.name(), "count", jobCounts.getOrDefault(s, 0L)));
        }
        DriftReport report = drift.latestReport();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("statuses", statuses);
        model.put("revenue", revenue(now));
        model.put("mrr", queries.monthlyRecurring().entrySet().stream()
                .map(e -> new Money(e.getValue(), e.getKey()).display()).toList());
        model.put("open", queries.openInvoices(now));
        model.put("jobs", jobRows);
        model.put("deadJobs", jobCounts.getOrDefault(JobStatus.DEAD, 0L));
        model.put("sweep", lastSweep.summary().orElse(null));
        model.put("driftCheckedAt", report.checkedAt() == null ? null : AdminRows.minute(report.checkedAt()));
        model.put("driftFindings", report.findings().size());
        AdminView.render(ctx, "dashboard.html", "dashboard", model);
    }

    /** The last twelve calendar months (UTC), one chart per currency with a table of the same numbers. */
    private List<Map<String, Object>> revenue(Instant now) {
        YearMonth current = YearMonth.from(now.atZone(ZoneOffset.UTC));
        List<Instant> bounds = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = REVENUE_MONTHS - 1; i >= -1; i--) {
            YearMonth month = current.minusMonths(i);
            bounds.add(month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            if (i >= 0) {
                labels.add(MONTH.format(month));
            }
        }
        List<Map<String, Object>> charts = new ArrayList<>();
        queries.revenueByMonth(bounds).forEach((currency, totals) -> {
            List<RevenueChart.Bar> bars = new ArrayList<>();
            List<Map<String, String>> rows = new ArrayList<>();
            for (int i = 0; i < totals.length; i++) {
                bars.add(new RevenueChart.Bar(labels.get(i), totals[i]));
                rows.add(Map.of("month", labels.get(i), "amount", new Money(totals[i], currency).display()));
            }
            charts.add(Map.of("currency", currency, "svg", RevenueChart.svg(currency, bars), "rows", rows));
        });
        return charts;
    }

    private void customers(Context ctx) {
        Auth.admin(ctx);
        String q = AdminView.optionalText(ctx, "q", 200);
        Page<CustomerRow> page = queries.customers(q, AdminView.page(ctx, "page"));
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("q", q);
        AdminView.render(ctx, "customers.html", "customers", Map.of(
                "q", q == null ? "" : q, "customers", page.rows(),
                "pager", AdminView.pager("/admin/customers", filters, page, "page")));
    }

    private void customer(Context ctx) {
        Auth.admin(ctx);
        long id = AdminView.id(ctx, "customer");
        CustomerRow customer = queries.customer(id).orElseThrow(() -> ApiError.notFound("customer " + id));
        AdminView.render(ctx, "customer.html", "customers", Map.of(
                "customer", customer,
                "services", queries.servicesOf(id),
                "invoices", queries.invoices(null, id, 1).rows(),
                "trail", queries.trailOf(id, customer.npub(), 100)));
    }

    private void services(Context ctx) {
        Auth.admin(ctx);
        String status = AdminView.optionalChoice(ctx, "status", SERVICE_STATUSES);
        Long server = AdminView.optionalId(ctx, "server");
        Long plan = AdminView.optionalId(ctx, "plan");
        Page<AdminRows.ServiceRow> page = queries.services(new ServiceFilter(status, server, plan, null),
                AdminView.page(ctx, "page"));
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("status", status);
        filters.put("server", server);
        filters.put("plan", plan);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("services", page.rows());
        model.put("pager", AdminView.pager("/admin/services", filters, page, "page"));
        model.put("statuses", SERVICE_STATUSES);
        model.put("status", status == null ? "" : status);
        model.put("server", server == null ? "" : server.toString());
        model.put("plan", plan == null ? "" : plan.toString());
        model.put("servers", servers.list());
        model.put("plans", catalog.allPlans());
        AdminView.render(ctx, "services.html", "services", model);
    }

    private void invoices(Context ctx) {
        Auth.admin(ctx);
        String status = AdminView.optionalChoice(ctx, "status", INVOICE_STATUSES);
        Page<AdminRows.InvoiceRow> page = queries.invoices(status, null, AdminView.page(ctx, "page"));
        Page<AdminRows.PaymentRow> payments = queries.payments(AdminView.page(ctx, "payments_page"));
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("status", status);
        Instant now = clock.instant();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("invoices", page.rows());
        model.put("overdue", page.rows().stream().filter(i -> i.overdue(now)).map(AdminRows.InvoiceRow::id).toList());
        model.put("pager", AdminView.pager("/admin/invoices", filters, page, "page"));
        model.put("payments", payments.rows());
        model.put("paymentsPager", AdminView.pager("/admin/invoices", filters, payments, "payments_page"));
        model.put("statuses", INVOICE_STATUSES.stream().sorted().toList());
        model.put("status", status == null ? "" : status);
        AdminView.render(ctx, "invoices.html", "invoices", model);
    }

    private void audit(Context ctx) {
        Auth.admin(ctx);
        String action = AdminView.optionalText(ctx, "action", 100);
        String subject = AdminView.optionalText(ctx, "subject", 200);
        Page<AdminRows.AuditRow> page = queries.audit(action, subject, AdminView.page(ctx, "page"));
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("action", action);
        filters.put("subject", subject);
        AdminView.render(ctx, "audit.html", "audit", Map.of(
                "entries", page.rows(), "action", action == null ? "" : action, "subject", subject == null ? "" : subject,
                "pager", AdminView.pager("/admin/audit", filters, page, "page")));
    }

    private void drift(Context ctx) {
        Auth.admin(ctx);
        DriftReport report = drift.latestReport();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("checkedAt", report.checkedAt() == null ? null : AdminRows.minute(report.checkedAt()));
        model.put("findings", report.findings());
        model.put("recorded", queries.audit("drift.found", null, 1).rows());
        AdminView.render(ctx, "drift.html", "drift", model);
    }
}
