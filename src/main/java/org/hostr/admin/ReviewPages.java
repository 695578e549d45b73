package org.hostr.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hostr.admin.AdminRows.Page;
import org.hostr.admin.AdminRows.ServiceRow;
import org.hostr.admin.ServiceActions.Action;
import org.hostr.admin.ServiceActions.Outcome;
import org.hostr.auth.Auth;
import org.hostr.auth.Viewer;
import org.hostr.web.RouteGroup;

/**
 * Admin → review: services waiting for a person. SUSPENDED ones (suspended by an admin, never restored by a payment)
 * and any with an open billing item: a payment kept on a suspended or ended service, or a termination the sweep put
 * before an admin. Each shows its items and notes, with unsuspend, terminate, note and close-the-items forms.
 */
final class ReviewPages implements RouteGroup {
    private static final List<Action> ACTIONS = List.of(Action.UNSUSPEND, Action.TERMINATE, Action.NOTE,
            Action.CLOSE_REVIEW);

    private final ReviewQueries reviews;
    private final ServiceActions actions;

    ReviewPages(ReviewQueries reviews, ServiceActions actions) {
        this.reviews = reviews;
        this.actions = actions;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/admin/review", ctx -> {
            Auth.admin(ctx);
            list(ctx, 200, null, null, null, Map.of());
        });
        for (Action action : ACTIONS) {
            routes.post("/admin/review/{id}/" + action.path, ctx -> act(ctx, action));
        }
    }

    private void act(Context ctx, Action action) {
        Viewer admin = Auth.admin(ctx);
        long id = AdminView.id(ctx, "service");
        Outcome outcome = actions.run(ctx, admin, id, action);
        if (outcome instanceof Outcome.Refused refused) {
            list(ctx, refused.status(), id, action, refused.errors(), refused.values());
            return;
        }
        AdminView.redirect(ctx, "/admin/review", ((Outcome.Done) outcome).notice());
    }

    /** The queue; a refused form is shown on its service with the messages and the values as typed. */
    private void list(Context ctx, int status, Long formService, Action formAction, List<String> errors,
                      Map<String, String> values) {
        Page<ServiceRow> page = reviews.queue(AdminView.page(ctx, "page"));
        List<Long> ids = page.rows().stream().map(ServiceRow::id).toList();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("services", page.rows());
        model.put("items", AdminView.byId(reviews.openItemsOf(ids)));
        model.put("notes", AdminView.byId(reviews.notesOf(ids)));
        model.put("pager", AdminView.pager("/admin/review", Map.of(), page, "page"));
        model.put("formService", formService);
        model.put("formAction", formAction == null ? null : formAction.path);
        model.put("errors", errors);
        model.put("form", values);
        ctx.status(status);
        AdminView.render(ctx, "review.html", "review", model);
    }
}
