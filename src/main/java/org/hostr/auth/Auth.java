package org.hostr.auth;

import io.javalin.http.Context;
import java.util.Optional;
import org.hostr.web.ApiError;
import org.hostr.web.Pages;

/** What routes ask: who is this, and may they do this? */
public final class Auth {

    private Auth() {
    }

    public static Optional<Viewer> viewer(Context ctx) {
        return Optional.ofNullable(ctx.attribute(Pages.VIEWER));
    }

    /** The signed-in customer, or 401. */
    public static Viewer customer(Context ctx) {
        return viewer(ctx).orElseThrow(() -> ApiError.unauthorized("login_required", "log in first"));
    }

    /** A signed-in admin (auth.admin_npubs), or 401 / 403. */
    public static Viewer admin(Context ctx) {
        Viewer viewer = customer(ctx);
        if (!viewer.admin()) {
            throw ApiError.forbidden("this needs an admin key");
        }
        return viewer;
    }
}
