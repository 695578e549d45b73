package org.hostr.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hostr.admin.AdminQueries.ServiceFilter;
import org.hostr.admin.AdminRows.Page;
import org.hostr.admin.AdminRows.ServiceRow;
import org.hostr.audit.AuditLog;
import org.hostr.auth.Auth;
import org.hostr.auth.Viewer;
import org.hostr.db.Database;
import org.hostr.provisioning.ProvisioningService;
import org.hostr.provisioning.ServiceStatus;
import org.hostr.web.ApiError;
import org.hostr.web.RouteGroup;

/**
 * Admin → review: the SUSPENDED services (suspended by an admin, not for non-payment) waiting for a decision:
 * unsuspend, terminate, or leave a note. Notes are audit lines ("service.note"), so they need no table of their own.
 * Unsuspend and terminate queue a WHM job in the same transaction as the audit line; the status changes when WHM
 * confirms.
 */
final class ReviewPages implements RouteGroup {
    static final int NOTE_MAX = 2000;

    private final Database database;
    private final AdminQueries queries;
    private final ProvisioningService provisioning;
    private final AuditLog audit;
    private final Clock clock;

    ReviewPages(Database database, AdminQueries queries, ProvisioningService provisioning, AuditLog audit, Clock clock) {
        this.database = database;
        this.queries = queries;
        this.provisioning = provisioning;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/admin/review", ctx -> {
            Auth.admin(ctx);
            list(ctx, 200, null, null, Map.of());
        });
        routes.post("/admin/review/{id}/unsuspend", ctx -> act(ctx, "unsuspend"));
        routes.post("/admin/review/{id}/terminate", ctx -> act(ctx, "terminate"));
        routes.post("/admin/review/{id}/note", this::note);
    }

    private void act(Context ctx, String action) {
        Viewer admin = Auth.admin(ctx);
        long id = serviceId(ctx);
        AdminForm form = new AdminForm(ctx);
        if (action.equals("terminate") && !form.checked("confirm")) {
            form.error("Tick \"yes, remove the cPanel account\" to terminate service " + id + ": it cannot be undone");
        }
        if (!form.ok()) {
            list(ctx, 400, id, form.errors(), form.values());
            return;
        }
        Instant now = clock.instant();
        boolean done = database.transaction(tx -> {
            String status = queries.serviceStatus(tx, id).orElseThrow(() -> ApiError.notFound("service " + id));
            if (!ServiceStatus.SUSPENDED.name().equals(status)) {
                return false;
            }
            long job = action.equals("unsuspend") ? provisioning.requestUnsuspend(tx, id) : provisioning.requestTerminate(tx, id);
            audit.record(tx, admin.actor(), "service." + action, "service:" + id, "from the review queue, job " + job, now);
            return true;
        });
        if (!done) {
            form.error("Service " + id + " is no longer SUSPENDED (someone acted on it already): nothing was changed");
            list(ctx, 409, id, form.errors(), form.values());
            return;
        }
        AdminView.redirect(ctx, "/admin/review", action.equals("unsuspend") ? "unsuspend-queued" : "terminate-queued");
    }

    private void note(Context ctx) {
        Viewer admin = Auth.admin(ctx);
        long id = serviceId(ctx);
        AdminForm form = new AdminForm(ctx);
        String text = form.text("text", "Note", NOTE_MAX);
        if (!form.ok()) {
            list(ctx, 400, id, form.errors(), form.values());
            return;
        }
        database.transactionRun(tx -> audit.record(tx, admin.actor(), "service.note", "service:" + id, text, clock.instant()));
        AdminView.redirect(ctx, "/admin/review", "note-added");
    }

    private long serviceId(Context ctx) {
        long id = AdminView.id(ctx, "service");
        queries.service(id).orElseThrow(() -> ApiError.notFound("service " + id));
        return id;
    }

    /** The queue; a refused form is shown on its service's row with the messages and the value as typed. */
    private void list(Context ctx, int status, Long formService, List<String> errors, Map<String, String> values) {
        Page<ServiceRow> page = queries.services(new ServiceFilter(ServiceStatus.SUSPENDED.name(), null, null, null),
                AdminView.page(ctx, "page"));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("services", page.rows());
        model.put("notes", stringKeys(queries.notesOf(page.rows().stream().map(ServiceRow::id).toList())));
        model.put("pager", AdminView.pager("/admin/review", Map.of(), page, "page"));
        model.put("formService", formService);
        model.put("errors", errors);
        model.put("form", values);
        ctx.status(status);
        AdminView.render(ctx, "review.html", "review", model);
    }

    /** Pebble looks map keys up by the template's value; ids as strings keep Long and Integer from mismatching. */
    private static Map<String, Object> stringKeys(Map<Long, ?> byId) {
        Map<String, Object> out = new LinkedHashMap<>();
        byId.forEach((k, v) -> out.put(k.toString(), v));
        return out;
    }
}
