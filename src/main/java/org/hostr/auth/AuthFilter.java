package org.hostr.auth;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Optional;
import java.util.Set;
import org.hostr.customers.Customer;
import org.hostr.customers.CustomerService;
import org.hostr.customers.CustomerStatus;
import org.hostr.nostr.Nip19;
import org.hostr.nostr.NostrEvent;
import org.hostr.web.ApiError;
import org.hostr.web.Pages;
import org.hostr.web.RouteGroup;

/**
 * Runs before every route: finds out who is asking (a signed NIP-98 header under /api/v1, or the session cookie) and
 * refuses cookie-authenticated changes that lack the CSRF token. Routes then ask {@link Auth} for the viewer.
 */
public final class AuthFilter implements RouteGroup {
    private static final Set<HandlerType> CHANGES = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);
    /** Paths that change state without a session: logging in itself, and Strike's signed webhooks. */
    private static final Set<String> CSRF_EXEMPT = Set.of("/api/v1/auth/login", DemoPaths.SIGN_LOGIN);

    private final LoginService login;
    private final CustomerService customers;
    private final SessionCodec sessions;
    private final String baseUrl;

    public AuthFilter(LoginService login, CustomerService customers, SessionCodec sessions, String baseUrl) {
        this.login = login;
        this.customers = customers;
        this.sessions = sessions;
        this.baseUrl = baseUrl;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.before(this::identify);
    }

    private void identify(Context ctx) {
        String path = ctx.path();
        if (path.startsWith("/static/") || path.equals("/healthz") || path.equals("/readyz") || path.startsWith("/webhooks/")) {
            return;
        }
        String authorization = ctx.header("Authorization");
        if (path.startsWith("/api/v1/") && !CSRF_EXEMPT.contains(path) && authorization != null
                && authorization.regionMatches(true, 0, "Nostr ", 0, 6)) {
            identifyByNip98(ctx, authorization);
            return;
        }
        Optional<SessionCodec.Session> session = sessions.read(ctx.cookie(SessionCodec.COOKIE));
        if (session.isPresent()) {
            Optional<Customer> customer = customers.byId(session.get().customerId())
                    .filter(c -> c.status() == CustomerStatus.ACTIVE && c.sessionVersion() == session.get().version());
            if (customer.isPresent()) {
                Customer c = customer.get();
                ctx.attribute(Pages.VIEWER, new Viewer(c.id(), c.pubkey(), Nip19.npubEncode(c.pubkey()), login.isAdmin(c.pubkey()),
                        Viewer.Via.COOKIE));
                ctx.attribute(Pages.CSRF_TOKEN, sessions.csrfToken(session.get().sessionId()));
                if (CHANGES.contains(ctx.method()) && !CSRF_EXEMPT.contains(path)
                        && !sessions.csrfMatches(session.get().sessionId(), csrfFrom(ctx))) {
                    throw new ApiError(403, "csrf", "this change needs the CSRF token of the page (X-CSRF-Token header or csrf_token field); reload the page and try again");
                }
                return;
            }
            SessionCookies.clear(ctx, baseUrl);
        }
    }

    private void identifyByNip98(Context ctx, String authorization) {
        String query = ctx.queryString();
        String fullUrl = baseUrl + ctx.req().getRequestURI() + (query == null ? "" : "?" + query);
        byte[] body = CHANGES.contains(ctx.method()) ? ctx.bodyAsBytes() : null;
        NostrEvent event = login.checkRequest(authorization, fullUrl, ctx.method().name(), body);
        Customer customer = customers.byPubkey(event.pubkey()).orElseGet(() -> customers.logIn(event.pubkey()));
        if (customer.status() == CustomerStatus.BANNED) {
            throw ApiError.forbidden("this account is banned");
        }
        if (customer.status() != CustomerStatus.ACTIVE) {
            throw ApiError.unauthorized("account_deleted", "this account was deleted; log in at /login to restore it");
        }
        ctx.attribute(Pages.VIEWER, new Viewer(customer.id(), customer.pubkey(), Nip19.npubEncode(customer.pubkey()),
                login.isAdmin(customer.pubkey()), Viewer.Via.NIP98));
    }

    private static String csrfFrom(Context ctx) {
        String header = ctx.header("X-CSRF-Token");
        if (header != null) {
            return header;
        }
        String type = ctx.contentType();
        if (type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"))) {
            return ctx.formParam("csrf_token");
        }
        return null;
    }
}
