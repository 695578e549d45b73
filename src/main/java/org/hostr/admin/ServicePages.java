package org.hostr.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hostr.admin.AdminRows.ServiceRow;
import org.hostr.admin.ServiceActions.Action;
import org.hostr.admin.ServiceActions.Outcome;
import org.hostr.auth.Auth;
import org.hostr.auth.Viewer;
import org.hostr.web.ApiError;
import org.hostr.web.RouteGroup;

/**
 * Admin → one service: its details, invoices, open review items, notes and audit trail, with the actions its state
 * allows: suspend with a reason, extend (an outage credit), unsuspend, terminate, note.
 */
final class ServicePages implements RouteGroup {
    /** Which forms the page offers in each state; BillingAdminService checks the state again when one is sent. */
    private static final Map<String, Set<Action>> OFFERED = Map.of(
            "ACTIVE", Set.of(Action.SUSPEND, Action.EXTEND, Action.TERMINATE),
            "SUSPENDED", Set.of(Action.UNSUSPEND, Action.EXTEND, Action.TERMINATE),
            "EXPIRED", Set.of(Action.SUSPEND, Action.UNSUSPEND, Action.TERMINATE),
            "PROVISIONING", Set.of(Action.TERMINATE));

    private final AdminQueries queries;
    private final ReviewQueries reviews;
    private final ServiceActions actions;

    ServicePages(AdminQueries queries, ReviewQueries reviews, ServiceActions actions) {
        this.queries = queries;
        this.reviews = reviews;
        this.actions = actions;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/admin/services/{id}", ctx -> {
            Auth.admin(ctx);
            show(ctx, 200, service(ctx), null, null, Map.of());
        });
        for (Action action : Action.values()) {
            routes.post("/admin/services/{id}/" + action.path, ctx -> act(ctx, action));
        }
    }

    private void act(Context ctx, Action action) {
        Viewer admin = Auth.admin(ctx);
        ServiceRow service = service(ctx);
        Outcome outcome = actions.run(ctx, admin, service.id(), action);
        if (outcome instanceof Outcome.Refused refused) {
            show(ctx, refused.status(), service, action, refused.errors(), refused.values());
            return;
        }
        AdminView.redirect(ctx, "/admin/services/" + service.id(), ((Outcome.Done) outcome).notice());
    }

    private ServiceRow service(Context ctx) {
        long id = AdminView.id(ctx, "service");
        return queries.service(id).orElseThrow(() -> ApiError.notFound("service " + id));
    }

    private void show(Context ctx, int status, ServiceRow service, Action formAction, List<String> errors,
                      Map<String, String> values) {
        List<Long> ids = List.of(service.id());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("service", service);
        model.put("invoices", queries.invoices(null, null, service.id(), 1).rows());
        model.put("items", reviews.openItemsOf(ids).getOrDefault(service.id(), List.of()));
        model.put("notes", reviews.notesOf(ids).getOrDefault(service.id(), List.of()));
        model.put("trail", queries.audit(null, "service:" + service.id(), 1).rows());
        model.put("offered", OFFERED.getOrDefault(service.status(), Set.of()).stream().map(a -> a.path).toList());
        model.put("formAction", formAction == null ? null : formAction.path);
        model.put("errors", errors);
        model.put("form", values);
        model.put("extendMax", ServiceActions.EXTEND_MAX_DAYS);
        ctx.status(status);
        AdminView.render(ctx, "service.html", "services", model);
    }
}
