package org.hostr.notify;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hostr.web.RouteGroup;

/**
 * NIP-05 for the shop's own key: {@code GET /.well-known/nostr.json?name=shop} answers
 * {@code {"names":{"shop":"<hex>"},"relays":{"<hex>":[…]}}}. Clients fetch it from other origins, so it carries
 * {@code Access-Control-Allow-Origin: *} as NIP-05 requires; and it never redirects (NIP-05 forbids following one).
 */
final class ShopIdentityRoutes implements RouteGroup {
    static final String PATH = "/.well-known/nostr.json";
    /** NIP-05's local-part characters; anything else is a mistake worth saying so. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9._-]{1,64}");

    private final Optional<ShopIdentity> shop;

    ShopIdentityRoutes(Optional<ShopIdentity> shop) {
        this.shop = shop;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(PATH, this::answer);
    }

    private void answer(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
        String name = ctx.queryParam("name");
        if (name != null && !NAME.matcher(name).matches()) {
            ctx.status(400).json(Map.of("error", "bad_name",
                    "message", "name must be 1 to 64 letters, digits, \".\", \"-\" or \"_\""));
            return;
        }
        // Names are matched without case (NIP-05 local parts are case-insensitive); unknown ones get an empty list.
        boolean ours = shop.isPresent() && (name == null || name.toLowerCase(Locale.ROOT).equals(shop.get().nip05Name()));
        if (!ours) {
            ctx.json(Map.of("names", Map.of()));
            return;
        }
        ShopIdentity s = shop.get();
        ctx.json(Map.of("names", Map.of(s.nip05Name(), s.pubkey()),
                "relays", s.relays().isEmpty() ? Map.of() : Map.of(s.pubkey(), List.copyOf(s.relays()))));
    }
}
