package org.hostr.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hostr.audit.AuditLog;
import org.hostr.auth.Auth;
import org.hostr.auth.Viewer;
import org.hostr.db.Database;
import org.hostr.jobs.JobFilter;
import org.hostr.jobs.JobNotFoundException;
import org.hostr.jobs.JobPage;
import org.hostr.jobs.JobQueue;
import org.hostr.jobs.JobStateException;
import org.hostr.jobs.JobStatus;
import org.hostr.web.ApiError;
import org.hostr.web.RouteGroup;

/** Admin → jobs: the queue filtered by state; DEAD jobs can be retried or cancelled, QUEUED ones cancelled. */
final class JobPages implements RouteGroup {
    private static final Set<String> STATUSES = Arrays.stream(JobStatus.values()).map(Enum::name)
            .collect(Collectors.toCollection(java.util.TreeSet::new));

    private final Database database;
    private final JobQueue jobs;
    private final AuditLog audit;
    private final Clock clock;

    JobPages(Database database, JobQueue jobs, AuditLog audit, Clock clock) {
        this.database = database;
        this.jobs = jobs;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/admin/jobs", ctx -> {
            Auth.admin(ctx);
            list(ctx, 200, null);
        });
        routes.post("/admin/jobs/{id}/retry", ctx -> act(ctx, true));
        routes.post("/admin/jobs/{id}/cancel", ctx -> act(ctx, false));
    }

    private void act(Context ctx, boolean retry) {
        Viewer admin = Auth.admin(ctx);
        long id = AdminView.id(ctx, "job");
        try {
            if (retry) {
                jobs.retry(id);
            } else {
                jobs.cancel(id);
            }
        } catch (JobNotFoundException e) {
            throw ApiError.notFound("job " + id);
        } catch (JobStateException e) {
            list(ctx, 409, e.getMessage() + "; nothing was changed");
            return;
        }
        database.transactionRun(tx -> audit.record(tx, admin.actor(), retry ? "job.retry" : "job.cancel", "job:" + id,
                null, clock.instant()));
        AdminView.redirect(ctx, "/admin/jobs", retry ? "job-retried" : "job-cancelled");
    }

    private void list(Context ctx, int status, String error) {
        String state = AdminView.optionalChoice(ctx, "status", STATUSES);
        JobPage page = jobs.list(new JobFilter(state == null ? null : JobStatus.valueOf(state), null),
                AdminView.page(ctx, "page"), AdminQueries.PAGE_SIZE);
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("status", state);
        Map<String, Object> pager = new LinkedHashMap<>();
        pager.put("page", page.page());
        pager.put("pages", page.pages());
        pager.put("total", page.total());
        pager.put("prev", page.page() > 1 ? AdminView.href("/admin/jobs", filters, "page", page.page() - 1) : null);
        pager.put("next", page.page() < page.pages() ? AdminView.href("/admin/jobs", filters, "page", page.page() + 1) : null);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("jobs", page.jobs().stream().map(JobPages::row).toList());
        model.put("pager", pager);
        model.put("statuses", STATUSES);
        model.put("status", state == null ? "" : state);
        model.put("errors", error == null ? null : List.of(error));
        ctx.status(status);
        AdminView.render(ctx, "jobs.html", "jobs", model);
    }

    private static Map<String, Object> row(org.hostr.jobs.Job j) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", j.id());
        row.put("kind", j.kind());
        row.put("status", j.status().name());
        row.put("attempts", j.attempts() + " / " + j.maxAttempts());
        row.put("runAt", AdminRows.minute(j.runAt()));
        row.put("updated", AdminRows.minute(j.updatedAt()));
        row.put("lastError", j.lastError());
        row.put("retryable", j.status() == JobStatus.DEAD || j.status() == JobStatus.CANCELLED);
        row.put("cancellable", j.status() == JobStatus.DEAD || j.status() == JobStatus.QUEUED);
        return row;
    }
}
