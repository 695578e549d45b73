package org.hostr.admin;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.hostr.auth.Viewer;
import org.hostr.billing.BillingAdminService;
import org.hostr.web.ApiError;

/**
 * The admin's actions on one service from the HTML console (ARCHITECTURE §7), shared by the review queue and the
 * service page. The form is checked here; BillingAdminService then checks the service's state, queues any WHM job
 * and writes the audit line in one transaction. A refusal from either changes nothing and comes back as messages.
 */
final class ServiceActions {
    static final int REASON_MAX = 200;
    static final int NOTE_MAX = 2000;
    static final int EXTEND_MAX_DAYS = 366;

    /** Each action, by the last segment of its form's URL, with the notice shown once it is done. */
    enum Action {
        SUSPEND("suspend", "suspend-queued"),
        EXTEND("extend", "service-extended"),
        UNSUSPEND("unsuspend", "unsuspend-queued"),
        TERMINATE("terminate", "terminate-queued"),
        NOTE("note", "note-added"),
        CLOSE_REVIEW("close-review", "review-closed");

        final String path;
        final String notice;

        Action(String path, String notice) {
            this.path = path;
            this.notice = notice;
        }
    }

    /** Done, or refused with an HTTP status, the messages and the form as typed (for the page to show again). */
    sealed interface Outcome {
        record Done(String notice) implements Outcome {
        }

        record Refused(int status, List<String> errors, Map<String, String> values) implements Outcome {
        }
    }

    private final BillingAdminService billing;

    ServiceActions(BillingAdminService billing) {
        this.billing = billing;
    }

    Outcome run(Context ctx, Viewer admin, long serviceId, Action action) {
        AdminForm form = new AdminForm(ctx);
        String actor = admin.actor();
        Runnable change = switch (action) {
            case SUSPEND -> {
                String reason = form.line("reason", "Reason", REASON_MAX, true);
                yield () -> billing.suspend(actor, serviceId, reason);
            }
            case EXTEND -> {
                Long days = form.number("days", "Days", 1, EXTEND_MAX_DAYS, null);
                String reason = form.line("reason", "Reason", REASON_MAX, true);
                yield () -> billing.extend(actor, serviceId, days.intValue(), reason);
            }
            case UNSUSPEND -> () -> billing.unsuspend(actor, serviceId);
            case TERMINATE -> {
                String reason = form.line("reason", "Reason", REASON_MAX, false);
                if (!form.checked("confirm")) {
                    form.error("Tick \"yes, remove the cPanel account\" to terminate service " + serviceId
                            + ": it cannot be undone");
                }
                yield () -> billing.terminate(actor, serviceId, reason);
            }
            case NOTE -> {
                String text = form.text("text", "Note", NOTE_MAX);
                yield () -> billing.note(actor, serviceId, text);
            }
            case CLOSE_REVIEW -> {
                String resolution = form.line("resolution", "What was done", REASON_MAX, true);
                yield () -> billing.closeReview(actor, serviceId, resolution);
            }
        };
        if (!form.ok()) {
            return new Outcome.Refused(400, form.errors(), form.values());
        }
        try {
            change.run();
        } catch (ApiError e) {
            if (e.status() == 404) {
                throw e;
            }
            form.error(sentence(e.getMessage()));
            return new Outcome.Refused(e.status(), form.errors(), form.values());
        }
        return new Outcome.Done(action.notice);
    }

    static String sentence(String message) {
        return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }
}
