package org.hostr.web;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;

/** Renders a page with what every page needs: the site, the signed-in viewer (if any) and the CSRF token. */
public final class Pages {
    /** Request attributes filled by the web shell and the auth feature. */
    public static final String SITE = "hostr.site";
    public static final String VIEWER = "hostr.viewer";
    public static final String CSRF_TOKEN = "hostr.csrf";

    private Pages() {
    }

    public static void render(Context ctx, String template, Map<String, ?> model) {
        Map<String, Object> full = new HashMap<>(model);
        full.put("site", ctx.attribute(SITE));
        full.put("viewer", viewerModel(ctx.attribute(VIEWER)));
        full.put("csrf_token", ctx.attribute(CSRF_TOKEN));
        full.put("path", ctx.path());
        ctx.contentType("text/html; charset=utf-8");
        ctx.render(template, full);
    }

    /** The viewer as templates see it: plain values, so no template depends on a Java type. */
    private static Map<String, Object> viewerModel(Object viewer) {
        if (viewer instanceof org.hostr.auth.Viewer v) {
            return Map.of("npub", v.npub(), "pubkey", v.pubkey(), "admin", v.admin());
        }
        return null;
    }

    public static boolean isApi(Context ctx) {
        String path = ctx.path();
        return path.startsWith("/api/") || path.equals("/api") || path.startsWith("/webhooks/");
    }

    /** What every page shows of the shop itself. */
    public record Site(String name, boolean demo, String publicUrl) {
    }
}
