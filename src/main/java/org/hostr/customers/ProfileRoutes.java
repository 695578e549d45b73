package org.hostr.customers;

import io.javalin.config.RoutesConfig;
import java.util.Map;
import org.hostr.nostr.Nip19;
import org.hostr.web.ApiError;
import org.hostr.web.RouteGroup;

/** GET /api/v1/profile/{npub}: the newest valid kind-0 profile of a key, with its NIP-05 name checked. */
public final class ProfileRoutes implements RouteGroup {
    private final ProfileService profiles;

    public ProfileRoutes(ProfileService profiles) {
        this.profiles = profiles;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/v1/profile/{npub}", ctx -> {
            String pubkey = AccountRoutes.pubkeyOf(ctx.pathParam("npub"));
            ProfileService.View view = profiles.profile(pubkey)
                    .orElseThrow(() -> ApiError.notFound("a profile for " + Nip19.npubEncode(pubkey) + " on the configured relays"));
            ctx.json(Map.of("profile", view, "npub", Nip19.npubEncode(pubkey)));
        });
    }
}
