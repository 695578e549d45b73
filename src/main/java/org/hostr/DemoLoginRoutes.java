package org.hostr;

import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.util.List;
import org.hostr.auth.DemoPaths;
import org.hostr.nostr.EventSigner;
import org.hostr.nostr.EventTemplate;
import org.hostr.nostr.Hex;
import org.hostr.nostr.NostrEvent;
import org.hostr.web.ApiError;
import org.hostr.web.RouteGroup;

/**
 * Demo only: signs a login event with a key the demo holds, so someone without a signer can try the shop. The
 * browser then posts the event to the normal login endpoint, so it goes through exactly the same checks.
 */
final class DemoLoginRoutes implements RouteGroup {
    private final byte[] customerKey;
    private final byte[] adminKey;
    private final String loginUrl;
    private final Clock clock;

    DemoLoginRoutes(byte[] customerKey, byte[] adminKey, String baseUrl, Clock clock) {
        this.customerKey = customerKey.clone();
        this.adminKey = adminKey.clone();
        this.loginUrl = baseUrl + "/api/v1/auth/login";
        this.clock = clock;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post(DemoPaths.SIGN_LOGIN, ctx -> {
            String challenge = ctx.formParam("challenge");
            if (challenge == null || !challenge.matches("[0-9a-f]{16,128}")) {
                throw ApiError.badRequest("bad_challenge", "a challenge from GET /api/v1/auth/challenge is required");
            }
            byte[] key = "admin".equals(ctx.formParam("role")) ? adminKey : customerKey;
            NostrEvent event = EventSigner.sign(new EventTemplate(27235,
                    List.of(List.of("u", loginUrl), List.of("method", "POST"), List.of("challenge", challenge)),
                    "", clock.instant().getEpochSecond()), key);
            ctx.contentType("application/json").result(event.toJson());
        });
    }

    static byte[] key(String hex) {
        return Hex.decode(hex, 32);
    }
}
