package org.hostr.auth;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.hostr.customers.CustomerService;
import org.hostr.nostr.Nip19;
import org.hostr.web.ApiError;
import org.hostr.web.Pages;
import org.hostr.web.RouteGroup;

/** Login, logout and the login page. */
public final class AuthRoutes implements RouteGroup {
    private final LoginService login;
    private final CustomerService customers;
    private final SessionCodec sessions;
    private final LoginRateLimiter limiter;
    private final String baseUrl;
    private final boolean demo;
    private final java.util.function.Consumer<String> afterLogin;

    public AuthRoutes(LoginService login, CustomerService customers, SessionCodec sessions, int loginRatePerMinute,
                      String baseUrl, boolean demo, java.util.function.Consumer<String> afterLogin) {
        this.afterLogin = afterLogin;
        this.login = login;
        this.customers = customers;
        this.sessions = sessions;
        this.limiter = new LoginRateLimiter(loginRatePerMinute);
        this.baseUrl = baseUrl;
        this.demo = demo;
    }

    /** The answer to a successful login. */
    public record LoginAnswer(String pubkey, String npub, boolean admin) {
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/v1/auth/challenge", ctx -> {
            limit(ctx, "challenge");
            LoginService.Challenge challenge = login.newChallenge();
            ctx.header("Cache-Control", "no-store");
            ctx.json(Map.of("challenge", challenge.challenge(), "expires_at", challenge.expiresAt().toString(),
                    "login_url", login.loginUrl()));
        });
        routes.post("/api/v1/auth/login", ctx -> {
            limit(ctx, "login");
            LoginService.LoggedIn in = login.logIn(ctx.header("Authorization"));
            // A new session id at every login: a cookie planted before login is worth nothing after it.
            SessionCookies.set(ctx, sessions.issue(in.customer().id(), in.customer().sessionVersion()), sessions.ttl(), baseUrl);
            ctx.header("Cache-Control", "no-store");
            afterLogin.accept(in.customer().pubkey());
            ctx.json(new LoginAnswer(in.customer().pubkey(), Nip19.npubEncode(in.customer().pubkey()), in.admin()));
        });
        routes.post("/api/v1/auth/logout", ctx -> {
            SessionCookies.clear(ctx, baseUrl);
            ctx.json(Map.of("logged_out", true));
        });
        routes.post("/api/v1/auth/logout-everywhere", ctx -> {
            Viewer viewer = Auth.customer(ctx);
            customers.endAllSessions(viewer.customerId());
            SessionCookies.clear(ctx, baseUrl);
            ctx.json(Map.of("logged_out", true));
        });
        routes.post("/logout", ctx -> {
            SessionCookies.clear(ctx, baseUrl);
            ctx.redirect("/");
        });
        routes.get("/login", ctx -> {
            if (Auth.viewer(ctx).isPresent()) {
                ctx.redirect(safeNext(ctx));
                return;
            }
            Pages.render(ctx, "login.html", Map.of("next", safeNext(ctx), "demo", demo));
        });
    }

    private void limit(Context ctx, String bucket) {
        if (!limiter.allow(bucket, ctx.ip())) {
            ctx.header("Retry-After", "60");
            throw new ApiError(429, "rate_limited", "too many login attempts from this address; wait a minute");
        }
    }

    /** Only local paths: a login link must never send someone to another site. */
    static String safeNext(Context ctx) {
        String next = ctx.queryParam("next");
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\") || next.length() > 200) {
            return "/account";
        }
        return next;
    }
}
