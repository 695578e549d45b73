package org.hostr.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hostr.nostr.Hex;
import org.hostr.nostr.Nip19;
import org.hostr.nostr.nip46.BunkerUri;
import org.hostr.nostr.nip46.InvalidBunkerUriException;
import org.hostr.nostr.nip46.RelayFence;
import org.hostr.payments.QrSvg;
import org.hostr.web.ApiError;
import org.hostr.web.JsonBodies;
import org.hostr.web.RouteGroup;

/**
 * Login with a NIP-46 remote signer, asynchronous because approving on a phone can take a while: a POST starts an
 * attempt and answers 202 at once, the page then polls the attempt until it ends. The poll that sees "done" gets
 * the session cookie, exactly as {@link AuthRoutes} sets it after a browser-signer login.
 */
public final class RemoteSignerRoutes implements RouteGroup {
    /** Binds attempts to the browser that started them: the attempt id alone, e.g. from a log line, is not enough. */
    static final String BROWSER_COOKIE = "hostr_signer";
    static final String PATH = "/api/v1/auth/nip46";
    /** Polls are cheap and come every second or two while someone approves; limited apart from the logins. */
    private static final int POLLS_PER_MINUTE = 120;

    private final SessionCodec sessions;
    private final RemoteSignerLogin signers;
    private final SignerAttempts attempts;
    private final RelayFence fence;
    private final LoginRateLimiter startLimiter;
    private final LoginRateLimiter pollLimiter;
    private final String baseUrl;
    private final Consumer<String> afterLogin;

    RemoteSignerRoutes(LoginService login, SessionCodec sessions, List<String> shopRelays, String shopName,
                       RemoteSignerLogin.Settings settings, int loginRatePerMinute, String baseUrl,
                       Consumer<String> afterLogin) {
        Clock clock = Clock.systemUTC();
        this.sessions = sessions;
        this.fence = new RelayFence(shopRelays);
        this.signers = new RemoteSignerLogin(login, shopRelays, shopName, settings, fence, clock);
        this.attempts = new SignerAttempts(clock, settings.attemptLifetime());
        this.startLimiter = new LoginRateLimiter(loginRatePerMinute);
        this.pollLimiter = new LoginRateLimiter(Math.max(POLLS_PER_MINUTE, loginRatePerMinute));
        this.baseUrl = baseUrl;
        this.afterLogin = afterLogin;
    }

    /** The routes with production timings; shopRelays (auth.relays) carry the QR flow. */
    public static RemoteSignerRoutes create(LoginService login, SessionCodec sessions, List<String> shopRelays,
                                            String shopName, int loginRatePerMinute, String baseUrl,
                                            Consumer<String> afterLogin) {
        return new RemoteSignerRoutes(login, sessions, shopRelays, shopName, RemoteSignerLogin.Settings.DEFAULT,
                loginRatePerMinute, baseUrl, afterLogin);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post(PATH, this::startWithBunker);
        routes.post(PATH + "/connect", this::startWithQrCode);
        routes.get(PATH + "/{attempt}", this::poll);
    }

    private void startWithBunker(Context ctx) {
        limit(ctx, startLimiter, "nip46");
        JsonNode body = JsonBodies.object(ctx);
        JsonNode text = body.get("bunker");
        if (text == null || !text.isTextual()) {
            throw ApiError.badRequest("not_a_bunker_uri", "send {\"bunker\": \"bunker://…\"} as copied from your signer");
        }
        BunkerUri bunker;
        try {
            bunker = BunkerUri.parse(text.textValue());
            fence.admit(bunker);
        } catch (InvalidBunkerUriException e) {
            throw ApiError.badRequest(e.code(), e.getMessage());
        }
        SignerAttempt attempt = attempts.open(ctx.ip(), browserToken(ctx));
        signers.startBunker(bunker, attempt);
        ctx.status(202).header("Cache-Control", "no-store").json(Map.of("attempt", attempt.id()));
    }

    private void startWithQrCode(Context ctx) {
        limit(ctx, startLimiter, "nip46");
        if (!signers.hasShopRelays()) {
            throw new ApiError(503, "no_relays", "this shop lists no relays (auth.relays), so the QR code login is off");
        }
        SignerAttempt attempt = attempts.open(ctx.ip(), browserToken(ctx));
        String uri = signers.startNostrConnect(attempt);
        ctx.status(202).header("Cache-Control", "no-store").json(Map.of("attempt", attempt.id(), "nostrconnect", uri,
                "qr_svg", QrSvg.of(uri, "QR code to scan with your Nostr signer app")));
    }

    private void poll(Context ctx) {
        limit(ctx, pollLimiter, "nip46-poll");
        SignerAttempt attempt = attempts.find(ctx.pathParam("attempt"), ctx.cookie(BROWSER_COOKIE))
                .orElseThrow(() -> new ApiError(404, "unknown_attempt",
                        "this login attempt is over, expired or was started in another browser; start again"));
        SignerAttempt.View view = attempt.view();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", view.status().wire());
        answer.put("message", view.message());
        if (view.authUrl() != null) {
            answer.put("auth_url", view.authUrl());
        }
        if (view.code() != null) {
            answer.put("code", view.code());
        }
        if (view.status().isFinal()) {
            attempts.remove(attempt.id());
        }
        if (view.status() == SignerAttemptStatus.DONE) {
            LoginService.LoggedIn in = view.loggedIn();
            // A new session id at every login, as in AuthRoutes: a cookie planted before login is worth nothing after.
            SessionCookies.set(ctx, sessions.issue(in.customer().id(), in.customer().sessionVersion()), sessions.ttl(), baseUrl);
            afterLogin.accept(in.customer().pubkey());
            answer.put("pubkey", in.customer().pubkey());
            answer.put("npub", Nip19.npubEncode(in.customer().pubkey()));
            answer.put("admin", in.admin());
        }
        ctx.header("Cache-Control", "no-store").json(answer);
    }

    /**
     * This browser's binding token: the one it already holds (so two attempts from one page both stay reachable) or
     * a new one. Set again either way, so the cookie outlives the newest attempt.
     */
    private String browserToken(Context ctx) {
        String held = ctx.cookie(BROWSER_COOKIE);
        String token = Hex.isLowercaseHex(held, 32) ? held : SignerAttempts.randomHex(32);
        // Strict, unlike the session cookie: no other site can make the browser carry it, so no other site can
        // finish a login in this browser with a signer of its choosing.
        ctx.res().addHeader("Set-Cookie", BROWSER_COOKIE + "=" + token + "; Path=" + PATH + "; Max-Age="
                + attempts.lifetime().toSeconds() + "; HttpOnly; SameSite=Strict"
                + (baseUrl.startsWith("https://") ? "; Secure" : ""));
        return token;
    }

    private static void limit(Context ctx, LoginRateLimiter limiter, String bucket) {
        if (!limiter.allow(bucket, ctx.ip())) {
            ctx.header("Retry-After", "60");
            throw new ApiError(429, "rate_limited", "too many login attempts from this address; wait a minute");
        }
    }
}
