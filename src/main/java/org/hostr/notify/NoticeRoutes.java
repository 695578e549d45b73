package org.hostr.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hostr.auth.Auth;
import org.hostr.web.ApiError;
import org.hostr.web.JsonBodies;
import org.hostr.web.RouteGroup;

/**
 * Which notices a customer gets: GET and PUT /api/v1/me/notices (JSON, {@code {"payment_received": false}}), and the
 * account page's form, POST /account/notices (the checked kinds are on, the others off; the CSRF token as a form
 * field). Admins list the outbox with GET /api/v1/admin/notices?status=FAILED.
 */
final class NoticeRoutes implements RouteGroup {
    private final NoticeService notices;

    NoticeRoutes(NoticeService notices) {
        this.notices = notices;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/v1/me/notices", ctx -> ctx.json(preferences(notices.preferences(Auth.customer(ctx).customerId()))));
        routes.put("/api/v1/me/notices", ctx -> {
            long customerId = Auth.customer(ctx).customerId();
            ctx.json(preferences(notices.setPreferences(customerId, fromJson(JsonBodies.object(ctx)))));
        });
        routes.post("/account/notices", ctx -> {
            long customerId = Auth.customer(ctx).customerId();
            notices.setPreferences(customerId, fromForm(ctx.formParams("kind")));
            ctx.redirect("/account#notices-heading", HttpStatus.SEE_OTHER);
        });
        routes.get("/api/v1/admin/notices", ctx -> {
            Auth.admin(ctx);
            ctx.json(Map.of("notices", notices.latest(status(ctx.queryParam("status")), limit(ctx.queryParam("limit")))
                    .stream().map(NoticeRoutes::forAdmin).toList()));
        });
    }

    /** For the account page: each customer kind with its label and whether it is on, and who sends them. */
    Map<String, Object> accountModel(long customerId) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("kinds", rows(notices.preferences(customerId)));
        notices.shop().ifPresent(shop -> {
            model.put("shop_npub", shop.npub());
            model.put("shop_nip05", shop.nip05());
        });
        model.put("sending", notices.shop().isPresent());
        return model;
    }

    private static Map<String, Object> preferences(Map<NoticeKind, Boolean> enabled) {
        return Map.of("notices", rows(enabled));
    }

    private static List<Map<String, Object>> rows(Map<NoticeKind, Boolean> enabled) {
        List<Map<String, Object>> rows = new ArrayList<>();
        enabled.forEach((kind, on) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", kind.key());
            row.put("label", kind.label());
            row.put("enabled", on);
            rows.add(row);
        });
        return rows;
    }

    static Map<NoticeKind, Boolean> fromJson(JsonNode body) {
        Map<NoticeKind, Boolean> changes = new EnumMap<>(NoticeKind.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            NoticeKind kind = kind(field.getKey());
            if (!field.getValue().isBoolean()) {
                throw ApiError.badRequest("bad_value", field.getKey() + " must be true or false");
            }
            changes.put(kind, field.getValue().booleanValue());
        }
        return changes;
    }

    /** A form sends only the checked boxes: every customer kind not among them is switched off. */
    static Map<NoticeKind, Boolean> fromForm(List<String> checked) {
        Map<NoticeKind, Boolean> changes = new EnumMap<>(NoticeKind.class);
        NoticeKind.customerKinds().forEach(k -> changes.put(k, false));
        checked.forEach(key -> changes.put(kind(key), true));
        return changes;
    }

    private static NoticeKind kind(String key) {
        return NoticeKind.customerKind(key).orElseThrow(() -> ApiError.badRequest("unknown_notice_kind",
                "\"" + shorten(key) + "\" is not a kind of notice; the kinds are "
                        + NoticeKind.customerKinds().stream().map(NoticeKind::key).toList()));
    }

    private static NoticeStatus status(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return NoticeStatus.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("bad_status", "status must be QUEUED, SENT, FAILED or SKIPPED");
        }
    }

    private static int limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return 100;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("bad_limit", "limit must be a whole number from 1 to 500");
        }
    }

    /** The outbox as admins see it: never the text (it is the customer's) nor the wrap. */
    private static Map<String, Object> forAdmin(Notice n) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", n.id());
        row.put("kind", n.kind().key());
        row.put("customer_id", n.customerId());
        row.put("recipient_pubkey", n.recipientPubkey());
        row.put("status", n.status().name());
        row.put("attempts", n.attempts());
        row.put("last_error", n.lastError());
        row.put("relay_results", n.relayResults());
        row.put("wrap_id", n.wrapId());
        row.put("created_at", n.createdAt().toString());
        row.put("sent_at", n.sentAt() == null ? null : n.sentAt().toString());
        return row;
    }

    private static String shorten(String s) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…";
    }
}
