package org.hostr.auth;

import io.javalin.http.Context;
import java.time.Duration;

/** Writes and clears the session cookie: HttpOnly, SameSite=Lax, Secure when the shop is served over https. */
final class SessionCookies {

    private SessionCookies() {
    }

    static void set(Context ctx, String token, Duration ttl, String baseUrl) {
        ctx.res().addHeader("Set-Cookie", SessionCodec.COOKIE + "=" + token + "; Path=/; Max-Age=" + ttl.toSeconds()
                + "; HttpOnly; SameSite=Lax" + (baseUrl.startsWith("https://") ? "; Secure" : ""));
    }

    static void clear(Context ctx, String baseUrl) {
        ctx.res().addHeader("Set-Cookie", SessionCodec.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"
                + (baseUrl.startsWith("https://") ? "; Secure" : ""));
    }
}
