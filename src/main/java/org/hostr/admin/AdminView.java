package org.hostr.admin;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.hostr.admin.AdminRows.Page;
import org.hostr.web.ApiError;
import org.hostr.web.Pages;

/** What every admin page shares: rendering with the admin nav, query parameters, pager links and notices. */
final class AdminView {
    /** The only texts a redirect may ask a page to show (?done=…): nothing from the URL reaches the page. */
    private static final Map<String, String> NOTICES = Map.ofEntries(
            Map.entry("plan-created", "Plan created."),
            Map.entry("plan-saved", "Plan saved."),
            Map.entry("plan-retired", "Plan retired: it is no longer on sale; existing services keep it."),
            Map.entry("server-created", "Server added."),
            Map.entry("server-saved", "Server saved."),
            Map.entry("job-retried", "Job queued again."),
            Map.entry("job-cancelled", "Job cancelled."),
            Map.entry("suspend-queued", "Suspension queued: the service turns SUSPENDED when WHM confirms."),
            Map.entry("unsuspend-queued", "Unsuspension queued: the service turns ACTIVE when WHM confirms."),
            Map.entry("terminate-queued", "Termination queued: the account is removed when WHM confirms."),
            Map.entry("service-extended", "Service extended: its new due date is shown below."),
            Map.entry("note-added", "Note added."),
            Map.entry("review-closed", "Review items closed."),
            Map.entry("invoice-marked-paid", "Invoice marked paid: what a payment sets off is under way."),
            Map.entry("invoice-cancelled", "Invoice cancelled."),
            Map.entry("invoice-refunded", "Refunded to the customer's credit balance."));

    private AdminView() {
    }

    static void render(Context ctx, String template, String section, Map<String, ?> model) {
        Map<String, Object> full = new HashMap<>(model);
        full.put("section", section);
        String done = ctx.queryParam("done");
        if (done != null && NOTICES.containsKey(done) && !full.containsKey("notice")) {
            full.put("notice", NOTICES.get(done));
        }
        Pages.render(ctx, "admin/" + template, full);
    }

    /** Pebble looks map keys up by the template's value; ids as strings keep Long and Integer from mismatching. */
    static Map<String, Object> byId(Map<Long, ?> byId) {
        Map<String, Object> out = new LinkedHashMap<>();
        byId.forEach((k, v) -> out.put(k.toString(), v));
        return out;
    }

    static void redirect(Context ctx, String path, String done) {
        ctx.redirect(path + (path.contains("?") ? "&" : "?") + "done=" + done, HttpStatus.SEE_OTHER);
    }

    /** A numeric path id, or the 404 page. */
    static long id(Context ctx, String what) {
        String raw = ctx.pathParam("id");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiError.notFound(what + " " + (raw.length() > 40 ? raw.substring(0, 40) + "…" : raw));
        }
    }

    static int page(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return 1;
        }
        try {
            return Math.max(1, Integer.parseInt(raw.strip()));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("bad_page", name + " must be a page number such as 2");
        }
    }

    static Long optionalId(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("bad_" + name, name + " must be a number (an id from the list)");
        }
    }

    static String optionalChoice(Context ctx, String name, Set<String> allowed) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (!allowed.contains(raw.strip())) {
            throw ApiError.badRequest("bad_" + name, name + " must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return raw.strip();
    }

    /** A short free-text query parameter (a search, an audit subject); too long is a 400. */
    static String optionalText(Context ctx, String name, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (raw.length() > max) {
            throw ApiError.badRequest("bad_" + name, name + " is too long: at most " + max + " characters");
        }
        return raw.strip();
    }

    /** Pager links that keep the page's filters: {prev, next, page, pages, total}. */
    static Map<String, Object> pager(String path, Map<String, ?> filters, Page<?> page, String pageParam) {
        Map<String, Object> pager = new LinkedHashMap<>();
        pager.put("page", page.page());
        pager.put("pages", page.pages());
        pager.put("total", page.total());
        pager.put("prev", page.hasPrevious() ? href(path, filters, pageParam, page.page() - 1) : null);
        pager.put("next", page.hasNext() ? href(path, filters, pageParam, page.page() + 1) : null);
        return pager;
    }

    static String href(String path, Map<String, ?> filters, String pageParam, int page) {
        StringJoiner query = new StringJoiner("&");
        filters.forEach((k, v) -> {
            if (v != null) {
                query.add(encode(k) + "=" + encode(String.valueOf(v)));
            }
        });
        query.add(encode(pageParam) + "=" + page);
        return path + "?" + query;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
