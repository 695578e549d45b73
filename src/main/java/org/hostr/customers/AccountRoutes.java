package org.hostr.customers;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.hostr.auth.Auth;
import org.hostr.auth.Viewer;
import org.hostr.billing.AccountOverview;
import org.hostr.billing.CustomerBillingService;
import org.hostr.billing.Money;
import org.hostr.nostr.MalformedEventException;
import org.hostr.nostr.Nip19;
import org.hostr.nostr.Nip98;
import org.hostr.nostr.Nip98Result;
import org.hostr.nostr.NostrEvent;
import org.hostr.web.ApiError;
import org.hostr.web.JsonBodies;
import org.hostr.web.Pages;
import org.hostr.web.RouteGroup;

/**
 * The customer's own account: GET /api/v1/me, the account page (services with renew and plan change, invoices and
 * receipts, notices, profile, deletion), key rotation; and the admin's key move.
 */
public final class AccountRoutes implements RouteGroup {
    static final String DELETE_CONFIRMATION = "delete my account";

    private final CustomerService customers;
    private final AccountOverview overview;
    private final String baseUrl;
    private final String currency;
    private final Clock clock;
    private final LongFunction<Map<String, Object>> noticeSettings;
    private final LongFunction<Map<Long, List<CustomerBillingService.PlanOffer>>> planOffers;

    /**
     * @param noticeSettings the Notices section of the account page (notify/), by customer id
     * @param planOffers     the plans each ACTIVE service can change to, with the prorated price (billing/), by customer id
     */
    public AccountRoutes(CustomerService customers, AccountOverview overview, String baseUrl, String currency, Clock clock,
                         LongFunction<Map<String, Object>> noticeSettings,
                         LongFunction<Map<Long, List<CustomerBillingService.PlanOffer>>> planOffers) {
        this.noticeSettings = noticeSettings;
        this.planOffers = planOffers;
        this.customers = customers;
        this.overview = overview;
        this.baseUrl = baseUrl;
        this.currency = currency;
        this.clock = clock;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/v1/me", ctx -> ctx.json(me(ctx, Auth.customer(ctx))));
        routes.get("/account", ctx -> {
            if (Auth.viewer(ctx).isEmpty()) {
                ctx.redirect("/login?next=/account");
                return;
            }
            Viewer viewer = Auth.customer(ctx);
            Customer customer = customers.byId(viewer.customerId()).orElseThrow();
            Map<String, Object> model = new HashMap<>();
            model.put("customer", customer);
            model.put("npub", viewer.npub());
            model.put("credit", new Money(customer.creditMinor(), currency).display());
            model.put("services", overview.services(customer.id()));
            model.put("invoices", overview.invoices(customer.id()));
            model.put("paywall", org.hostr.billing.PaywallRoutes.of(overview, customer.id()));
            model.put("delete_confirmation", DELETE_CONFIRMATION);
            model.put("notices", noticeSettings.apply(customer.id()));
            model.put("plan_offers", planOffers.apply(customer.id()));
            Pages.render(ctx, "account.html", model);
        });
        routes.get("/api/v1/customers/{npub}/exists", ctx -> {
            Viewer viewer = Auth.customer(ctx);
            String pubkey = pubkeyOf(ctx.pathParam("npub"));
            if (!viewer.admin() && !viewer.pubkey().equals(pubkey)) {
                throw ApiError.forbidden("only the customer themself or an admin may ask");
            }
            boolean exists = customers.byPubkey(pubkey).filter(c -> c.status() == CustomerStatus.ACTIVE).isPresent();
            ctx.json(Map.of("exists", exists));
        });
        routes.delete("/api/v1/me", ctx -> {
            Viewer viewer = Auth.customer(ctx);
            JsonNode body = JsonBodies.object(ctx);
            if (!DELETE_CONFIRMATION.equals(body.path("confirm").asText(null))) {
                throw ApiError.badRequest("confirmation_required",
                        "send {\"confirm\": \"" + DELETE_CONFIRMATION + "\"} to delete the account");
            }
            customers.delete(viewer.customerId(), viewer.actor());
            ctx.res().addHeader("Set-Cookie", "hostr_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
            ctx.json(Map.of("deleted", true, "restorable_until",
                    clock.instant().plus(CustomerService.RETENTION).toString()));
        });
        routes.post("/api/v1/me/rotate", ctx -> {
            Viewer viewer = Auth.customer(ctx);
            NostrEvent proof = rotationProof(ctx, viewer);
            Customer moved = customers.moveToKey(viewer.customerId(), proof.pubkey(), viewer.actor());
            ctx.res().addHeader("Set-Cookie", "hostr_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
            ctx.json(Map.of("pubkey", moved.pubkey(), "npub", Nip19.npubEncode(moved.pubkey())));
        });
        routes.post("/api/v1/admin/customers/{npub}/move", ctx -> {
            Viewer admin = Auth.admin(ctx);
            Customer from = customers.byPubkey(pubkeyOf(ctx.pathParam("npub")))
                    .orElseThrow(() -> ApiError.notFound("the customer"));
            String to = pubkeyOf(JsonBodies.object(ctx).path("to").asText(""));
            Customer moved = customers.moveToKey(from.id(), to, admin.actor());
            ctx.json(Map.of("pubkey", moved.pubkey(), "npub", Nip19.npubEncode(moved.pubkey())));
        });
    }

    /** The new key proves itself: a kind-27235 event for this URL, signed by the new key, naming the old key in a p tag. */
    private NostrEvent rotationProof(Context ctx, Viewer viewer) {
        JsonNode body = JsonBodies.object(ctx);
        JsonNode eventJson = body.get("event");
        if (eventJson == null || !eventJson.isObject()) {
            throw ApiError.badRequest("event_required", "send {\"event\": <event signed by the new key>}");
        }
        NostrEvent event;
        try {
            event = NostrEvent.fromJson(eventJson.toString());
        } catch (MalformedEventException e) {
            throw ApiError.badRequest("malformed", e.getMessage());
        }
        Nip98Result result = Nip98.check(event, baseUrl + "/api/v1/me/rotate", "POST", clock.instant(), null);
        if (result instanceof Nip98Result.Rejected rejected) {
            throw ApiError.badRequest(rejected.failure().code(), "the new key's event: " + rejected.detail());
        }
        try {
            if (!viewer.pubkey().equals(Nip98.tagValue(event, "p").orElse(null))) {
                throw ApiError.badRequest("wrong_old_key", "the new key's event must name the old key in a p tag");
            }
        } catch (MalformedEventException e) {
            throw ApiError.badRequest("malformed", e.getMessage());
        }
        return event;
    }

    private Map<String, Object> me(Context ctx, Viewer viewer) {
        Customer c = customers.byId(viewer.customerId()).orElseThrow(() -> ApiError.notFound("the customer"));
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("name", c.name());
        profile.put("picture", c.picture());
        profile.put("nip05", c.nip05());
        profile.put("nip05_verified", c.nip05VerifiedAt() != null);
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("pubkey", c.pubkey());
        me.put("npub", viewer.npub());
        me.put("admin", viewer.admin());
        me.put("csrf_token", ctx.attribute(Pages.CSRF_TOKEN));
        me.put("profile", profile);
        me.put("credit_minor", c.creditMinor());
        me.put("services", overview.services(c.id()));
        me.put("invoices", overview.invoices(c.id()));
        return me;
    }

    static String pubkeyOf(String npubOrHex) {
        if (npubOrHex != null && npubOrHex.matches("[0-9a-f]{64}")) {
            return npubOrHex;
        }
        try {
            return Nip19.decodePublicKey(npubOrHex);
        } catch (Exception e) {
            throw ApiError.badRequest("bad_npub", "not a valid npub: expected npub1… (or 64 hex digits)");
        }
    }
}
