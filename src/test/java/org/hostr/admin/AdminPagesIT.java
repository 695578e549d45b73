package org.hostr.admin;

import static org.hostr.db.generated.Tables.AUDIT_LOG;
import static org.hostr.db.generated.Tables.JOBS;
import static org.hostr.db.generated.Tables.PLANS;
import static org.hostr.db.generated.Tables.SERVERS;
import static org.hostr.db.generated.Tables.SERVICES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hostr.audit.AuditLog;
import org.hostr.auth.Viewer;
import org.hostr.billing.BillingAdminService;
import org.hostr.billing.CreditService;
import org.hostr.billing.InvoiceService;
import org.hostr.billing.RenewalSweep;
import org.hostr.catalog.CatalogService;
import org.hostr.catalog.Plan;
import org.hostr.db.Database;
import org.hostr.jobs.JobQueue;
import org.hostr.jobs.JobRepository;
import org.hostr.nostr.Nip19;
import org.hostr.payments.SettlementListener;
import org.hostr.provisioning.ProvisioningModule;
import org.hostr.provisioning.whm.WhmTimeouts;
import org.hostr.secrets.SecretBox;
import org.hostr.config.HostrConfig;
import org.hostr.testing.TestDatabases;
import org.hostr.web.Json;
import org.hostr.web.Pages;
import org.hostr.web.RouteGroup;
import org.hostr.web.WebApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin pages over HTTP: a real Javalin app with the admin routes and Pebble, on SQLite. A test header picks the
 * viewer (an admin or a customer signed in by NIP-98, so no CSRF token is needed; AuthFilter's CSRF check is its own).
 */
class AdminPagesIT {
    static final String ADMIN_PUBKEY = "a".repeat(64);
    static final Instant NOW = Instant.now();
    static Database db;
    static Javalin app;
    static ProvisioningModule provisioning;
    static HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static String base;

    @BeforeAll
    static void start() {
        db = TestDatabases.open(TestDatabases.Kind.SQLITE);
        db.transactionRun(tx -> {
            AdminSeed.plansAndServers(tx, NOW);
            AdminSeed.bulk(tx, 5, 4, NOW);
        });
        Clock clock = Clock.systemUTC();
        AuditLog audit = new AuditLog(db.dsl());
        CatalogService catalog = new CatalogService(db, clock);
        JobQueue jobs = new JobQueue(new JobRepository(db.dsl()), clock);
        provisioning = ProvisioningModule.create(db, jobs, new SecretBox(new byte[32]), audit, clock,
                id -> catalog.plan(id).map(Plan::whmPackage), WhmTimeouts.DEFAULT, Duration.ofHours(1));
        CreditService credits = new CreditService(audit, clock);
        SettlementListener onPaid = (tx, paid) -> { };
        RenewalSweep sweep = new RenewalSweep(db, jobs, provisioning.service(), audit, credits, onPaid,
                new HostrConfig.Billing("USD", 7, 3, 15, false, 7, 60), clock);
        BillingAdminService billing = new BillingAdminService(db, provisioning.service(), new InvoiceService(db), credits,
                audit, sweep, onPaid, clock);
        AdminModule admin = AdminModule.create(db, catalog, jobs, provisioning, billing, audit, clock,
                () -> Optional.of("2026-11-21 02:00 UTC: 3 renewed, 1 expired, no errors"));
        RouteGroup viewer = routes -> routes.before(ctx -> {
            String who = ctx.header("X-Test-Viewer");
            if (who != null) {
                ctx.attribute(Pages.VIEWER, new Viewer(1, ADMIN_PUBKEY, Nip19.npubEncode(ADMIN_PUBKEY), who.equals("admin"),
                        Viewer.Via.NIP98));
            }
        });
        WebApp.Settings settings = new WebApp.Settings("127.0.0.1", 0, new Pages.Site("Hostr", false, "http://localhost"),
                null, 1_000_000, Duration.ofSeconds(20));
        app = WebApp.create(settings, Json.mapper(), null, List.of(viewer, admin.routes())).start();
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterAll
    static void stop() {
        app.stop();
        provisioning.close();
        db.close();
    }

    @Test
    void everyAdminPageRendersForAnAdmin() throws Exception {
        for (String path : List.of("/admin", "/admin/customers", "/admin/customers/3", "/admin/services",
                "/admin/services?status=ACTIVE&server=1&plan=2", "/admin/review", "/admin/invoices?status=UNPAID",
                "/admin/plans", "/admin/plans/1/edit", "/admin/servers", "/admin/servers/1/edit", "/admin/jobs",
                "/admin/jobs?status=DEAD", "/admin/audit", "/admin/audit?subject=customer%3A3", "/admin/drift",
                "/admin/customers?q=Customer+2")) {
            HttpResponse<String> page = get(path, "admin");
            assertEquals(200, page.statusCode(), path + ": " + page.body());
            assertTrue(page.body().contains("/static/css/admin.css"), path);
            assertTrue(page.body().contains("aria-label=\"Admin\""), path);
        }
    }

    @Test
    void theDashboardDrawsRevenueOnTheServerAndShowsTheSweep() throws Exception {
        String body = get("/admin", "admin").body();

        assertTrue(body.contains("<svg class=\"chart\""), body);
        assertTrue(body.contains("3 renewed, 1 expired, no errors"));
        assertTrue(body.contains("Monthly recurring revenue"));
        assertFalse(body.contains("<script"), "the dashboard needs no script");
    }

    @Test
    void aCustomerSeesForbiddenAndAStrangerMustLogIn() throws Exception {
        assertEquals(403, get("/admin", "customer").statusCode());
        assertEquals(403, get("/admin/services", "customer").statusCode());
        assertEquals(403, post("/admin/plans", "customer", planForm("sneaky", "Sneaky")).statusCode());
        assertEquals(401, get("/admin/jobs", null).statusCode());
        assertEquals(0, db.dsl().fetchCount(PLANS, PLANS.SLUG.eq("sneaky")));
    }

    @Test
    void unknownIdsAreNotFound() throws Exception {
        assertEquals(404, get("/admin/customers/99999", "admin").statusCode());
        assertEquals(404, get("/admin/customers/abc", "admin").statusCode());
        assertEquals(404, get("/admin/plans/99999/edit", "admin").statusCode());
        assertEquals(404, get("/admin/servers/99999/edit", "admin").statusCode());
        assertEquals(404, post("/admin/jobs/99999/retry", "admin", Map.of()).statusCode());
        assertEquals(404, post("/admin/review/99999/note", "admin", Map.of("text", "hello")).statusCode());
    }

    @Test
    void badFiltersAreRefusedWithTheReason() throws Exception {
        HttpResponse<String> page = get("/admin/services?status=%3Cscript%3E", "admin");

        assertEquals(400, page.statusCode());
        assertTrue(page.body().contains("status must be one of"));
        assertEquals(400, get("/admin/services?server=1%20OR%201=1", "admin").statusCode());
        assertEquals(400, get("/admin/jobs?page=two", "admin").statusCode());
    }

    @Test
    void aValidPlanIsCreatedAuditedAndRedirected() throws Exception {
        HttpResponse<String> response = post("/admin/plans", "admin", planForm("business", "Business"));

        assertEquals(303, response.statusCode(), response.body());
        assertEquals("/admin/plans?done=plan-created", response.headers().firstValue("Location").orElseThrow());
        var plan = db.dsl().selectFrom(PLANS).where(PLANS.SLUG.eq("business")).fetchOne();
        assertEquals(999L, plan.getPriceMinor());
        assertEquals(1, db.dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("plan.create")
                .and(AUDIT_LOG.SUBJECT.eq("plan:" + plan.getId()))));
        assertTrue(get("/admin/plans?done=plan-created", "admin").body().contains("Plan created."));
    }

    @Test
    void aHostilePlanNameIsRefusedShownEscapedAndNothingChanges() throws Exception {
        int before = db.dsl().fetchCount(PLANS);

        HttpResponse<String> response = post("/admin/plans", "admin", planForm("hostile", "<script>alert(1)</script>"));

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("Name must not contain &lt; or &gt;"), response.body());
        assertTrue(response.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertFalse(response.body().contains("<script>alert(1)"));
        assertEquals(before, db.dsl().fetchCount(PLANS));
    }

    @Test
    void sqlFragmentsOversizedAndInvisibleCharactersAreRefused() throws Exception {
        Map<String, String> sql = planForm("x'; DROP TABLE plans;--", "Fine");
        Map<String, String> long_ = planForm("long", "n".repeat(5000));
        Map<String, String> bidi = planForm("bidi", "Admin\u202Egnp.exe");
        Map<String, String> price = planForm("price", "Price");
        price.put("price", "1; DELETE FROM plans");
        int before = db.dsl().fetchCount(PLANS);

        HttpResponse<String> r1 = post("/admin/plans", "admin", sql);
        HttpResponse<String> r2 = post("/admin/plans", "admin", long_);
        HttpResponse<String> r3 = post("/admin/plans", "admin", bidi);
        HttpResponse<String> r4 = post("/admin/plans", "admin", price);

        assertEquals(List.of(400, 400, 400, 400), List.of(r1.statusCode(), r2.statusCode(), r3.statusCode(), r4.statusCode()));
        assertTrue(r1.body().contains("Slug must be lower-case letters"));
        assertTrue(r1.body().contains("value=\"x&#39;; DROP TABLE plans;--\"") || r1.body().contains("x&#39;; DROP TABLE"), r1.body());
        assertTrue(r2.body().contains("Name is too long: at most 80 characters"));
        assertTrue(r2.body().length() < 40_000, "a refused oversized value is not echoed whole");
        assertTrue(r3.body().contains("invisible characters"));
        assertTrue(r4.body().contains("Price must be an amount such as 5.00"));
        assertEquals(before, db.dsl().fetchCount(PLANS));
    }

    @Test
    void editingAndRetiringAPlanAreAudited() throws Exception {
        Map<String, String> form = planForm("ignored", "Starter Plus");
        form.put("active", "on");

        assertEquals(303, post("/admin/plans/1/edit", "admin", form).statusCode());
        assertEquals(303, post("/admin/plans/1/retire", "admin", Map.of()).statusCode());

        var plan = db.dsl().selectFrom(PLANS).where(PLANS.ID.eq(1L)).fetchOne();
        assertEquals("starter", plan.getSlug());
        assertEquals("Starter Plus", plan.getName());
        assertFalse(plan.getActive());
        assertEquals(1, db.dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("plan.retire").and(AUDIT_LOG.SUBJECT.eq("plan:1"))));
    }

    @Test
    void aServerWithAHostileNameOrPlainHttpIsRefused() throws Exception {
        int before = db.dsl().fetchCount(SERVERS);

        HttpResponse<String> name = post("/admin/servers", "admin", serverForm("<img src=x onerror=alert(1)>", "https://whm9.example.com:2087"));
        HttpResponse<String> http = post("/admin/servers", "admin", serverForm("whm9", "http://whm9.example.com:2087"));

        assertEquals(400, name.statusCode());
        assertTrue(name.body().contains("&lt;img src=x onerror=alert(1)&gt;"));
        assertFalse(name.body().contains("<img src=x"));
        assertEquals(400, http.statusCode());
        assertTrue(http.body().contains("url must start with https://"), http.body());
        assertEquals(before, db.dsl().fetchCount(SERVERS));
    }

    @Test
    void aServerIsAddedAndItsConnectionTestIsShownAndAudited() throws Exception {
        HttpResponse<String> added = post("/admin/servers", "admin", serverForm("local", "http://127.0.0.1:1"));
        assertEquals(303, added.statusCode(), added.body());
        long id = db.dsl().select(SERVERS.ID).from(SERVERS).where(SERVERS.NAME.eq("local")).fetchOne(SERVERS.ID);

        HttpResponse<String> tested = post("/admin/servers/" + id + "/test", "admin", Map.of());

        assertEquals(200, tested.statusCode());
        assertTrue(tested.body().contains("Connection test of local: failed"), tested.body());
        assertEquals(1, db.dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("server.test").and(AUDIT_LOG.SUBJECT.eq("server:" + id))));
        assertEquals(1, db.dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("server.add").and(AUDIT_LOG.SUBJECT.eq("server:" + id))));
    }

    @Test
    void aNoteIsAuditedAndShownEscapedInTheReviewQueue() throws Exception {
        long id = suspendedService();

        HttpResponse<String> saved = post("/admin/review/" + id + "/note", "admin", Map.of("text", "<b>call</b> the customer\nfirst"));
        HttpResponse<String> empty = post("/admin/review/" + id + "/note", "admin", Map.of("text", "  "));

        assertEquals(303, saved.statusCode());
        assertEquals(400, empty.statusCode());
        assertTrue(empty.body().contains("Note is required"));
        String queue = get("/admin/review", "admin").body();
        assertTrue(queue.contains("&lt;b&gt;call&lt;/b&gt; the customer"), queue);
        assertFalse(queue.contains("<b>call</b>"));
        assertEquals(1, db.dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("service.note").and(AUDIT_LOG.SUBJECT.eq("service:" + id))));
    }

    @Test
    void terminatingFromTheReviewQueueNeedsConfirmationThenQueuesAJob() throws Exception {
        long id = suspendedService();
        int jobs = db.dsl().fetchCount(JOBS);

        HttpResponse<String> unconfirmed = post("/admin/review/" + id + "/terminate", "admin", Map.of());
        assertEquals(400, unconfirmed.statusCode());
        assertEquals(jobs, db.dsl().fetchCount(JOBS));

        HttpResponse<String> confirmed = post("/admin/review/" + id + "/terminate", "admin", Map.of("confirm", "on"));
        assertEquals(303, confirmed.statusCode());
        assertEquals(jobs + 1, db.dsl().fetchCount(JOBS));
        assertEquals(1, db.dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("service.terminate").and(AUDIT_LOG.SUBJECT.eq("service:" + id))));
    }

    @Test
    void unsuspendingAServiceThatIsNotSuspendedChangesNothing() throws Exception {
        long active = db.dsl().select(SERVICES.ID).from(SERVICES).where(SERVICES.STATUS.eq("ACTIVE")).limit(1).fetchOne(SERVICES.ID);
        int jobs = db.dsl().fetchCount(JOBS);

        HttpResponse<String> response = post("/admin/review/" + active + "/unsuspend", "admin", Map.of());

        assertEquals(409, response.statusCode());
        assertTrue(response.body().contains("Cannot unsuspend service " + active + " while it is ACTIVE"), response.body());
        assertEquals(jobs, db.dsl().fetchCount(JOBS));
    }

    @Test
    void aRunningOrDoneJobCannotBeCancelledAndTheAdminIsToldWhy() throws Exception {
        long job = provisioningJobFor(suspendedService());
        db.dsl().update(JOBS).set(JOBS.STATUS, "DONE").where(JOBS.ID.eq(job)).execute();

        HttpResponse<String> response = post("/admin/jobs/" + job + "/cancel", "admin", Map.of());

        assertEquals(409, response.statusCode());
        assertTrue(response.body().contains("only QUEUED or DEAD jobs can be cancelled"), response.body());
    }

    @Test
    void aDeadJobIsRetriedAndAudited() throws Exception {
        long job = provisioningJobFor(suspendedService());
        db.dsl().update(JOBS).set(JOBS.STATUS, "DEAD").where(JOBS.ID.eq(job)).execute();

        HttpResponse<String> response = post("/admin/jobs/" + job + "/retry", "admin", Map.of());

        assertEquals(303, response.statusCode());
        assertEquals("QUEUED", db.dsl().select(JOBS.STATUS).from(JOBS).where(JOBS.ID.eq(job)).fetchOne(JOBS.STATUS));
        assertEquals(1, db.dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("job.retry").and(AUDIT_LOG.SUBJECT.eq("job:" + job))));
    }

    // ---- helpers

    private static long suspendedService() {
        return db.transaction(tx -> {
            long id = tx.select(SERVICES.ID).from(SERVICES).where(SERVICES.STATUS.eq("ACTIVE")).orderBy(SERVICES.ID.desc())
                    .limit(1).fetchOne(SERVICES.ID);
            tx.update(SERVICES).set(SERVICES.STATUS, "SUSPENDED").set(SERVICES.SUSPEND_REASON, "abuse report")
                    .where(SERVICES.ID.eq(id)).execute();
            return id;
        });
    }

    private static long provisioningJobFor(long serviceId) {
        return db.transaction(tx -> provisioning.service().requestUnsuspend(tx, serviceId));
    }

    private static Map<String, String> planForm(String slug, String name) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("slug", slug);
        form.put("name", name);
        form.put("description", "A plan");
        form.put("storage_mb", "2000");
        form.put("bandwidth_mb", "20000");
        form.put("whm_package", "business");
        form.put("currency", "USD");
        form.put("price", "9.99");
        form.put("setup", "0");
        form.put("period", "P1M");
        form.put("sort", "3");
        form.put("active", "on");
        return form;
    }

    private static Map<String, String> serverForm(String name, String url) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", name);
        form.put("url", url);
        form.put("user", "root");
        form.put("token", "ABC123TOKEN");
        form.put("max_accounts", "100");
        form.put("active", "on");
        return form;
    }

    private static HttpResponse<String> get(String path, String viewer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html");
        if (viewer != null) {
            request.header("X-Test-Viewer", viewer);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String viewer, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (viewer != null) {
            request.header("X-Test-Viewer", viewer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
