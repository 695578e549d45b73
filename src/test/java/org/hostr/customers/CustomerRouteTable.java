package org.hostr.customers;

import java.util.List;

/**
 * Every customer route whose path names something (an id, a number, an npub), and how the cross-customer test reaches
 * it. {@link CrossCustomerAccessIT} fails when the app registers a parameterised route that is neither here nor an
 * admin route, so a new route cannot skip the check. Admin routes are not listed: every one of them must refuse a
 * customer with 403.
 */
final class CustomerRouteTable {

    /** What the path parameter names, and so which of the other customer's values a probe puts in it. */
    enum Key {
        SERVICE, INVOICE, NPUB,
        /** Not a customer's thing: the route is listed with the reason and not probed. */
        NONE
    }

    /**
     * One route. {@code body} and {@code contentType} make a request that would succeed for the owner, so a refusal
     * is about ownership and not about bad input.
     */
    record Route(String method, String path, Key key, String contentType, String body, String why) {
        String name() {
            return method + " " + path;
        }

        boolean probed() {
            return key != Key.NONE;
        }

        /** The path with the value in its parameter. */
        String at(String value) {
            return path.replaceFirst("\\{[^}]+}", value);
        }
    }

    static final List<Route> ROUTES = List.of(
            owned("GET", "/api/v1/invoices/{number}", Key.INVOICE, "invoice status (payments)"),
            owned("POST", "/api/v1/invoices/{number}/pay", Key.INVOICE, "fetches a Lightning quote (payments)"),
            owned("GET", "/invoices/{number}", Key.INVOICE, "the pay page (payments)"),
            owned("GET", "/invoices/{number}/qr.svg", Key.INVOICE, "the quote's QR code (payments)"),
            owned("GET", "/api/v1/receipts/{number}", Key.INVOICE, "receipt of a paid invoice (billing)"),
            owned("GET", "/receipts/{number}", Key.INVOICE, "receipt page (billing)"),
            owned("POST", "/api/v1/services/{id}/renew", Key.SERVICE, "renew now (billing)"),
            new Route("POST", "/api/v1/services/{id}/upgrade", Key.SERVICE, CustomerShop.JSON, "{\"plan\":\"standard\"}",
                    "plan change (billing)"),
            owned("POST", "/account/services/{id}/renew", Key.SERVICE, "the account page's renew form (billing)"),
            new Route("POST", "/account/services/{id}/plan", Key.SERVICE, CustomerShop.FORM, "plan=standard",
                    "the account page's plan change form (billing)"),
            owned("GET", "/api/v1/services/{id}/credentials", Key.SERVICE, "cPanel login (provisioning)"),
            owned("POST", "/api/v1/services/{id}/reset-password", Key.SERVICE, "new cPanel password (provisioning)"),
            owned("GET", "/api/v1/customers/{npub}/exists", Key.NPUB, "is this key a customer? (customers)"),
            owned("GET", "/api/v1/profile/{npub}", Key.NPUB, "a key's public kind-0 from the shop's relays, never the "
                    + "customer row; with no relays configured it must answer as for any key (customers)"),
            notCustomerData("GET", "/order/{plan}", "a plan slug from the public catalogue"),
            notCustomerData("POST", "/order/{plan}", "a plan slug; the order is the caller's own"),
            notCustomerData("GET", "/api/v1/auth/nip46/{attempt}", "a login attempt before anyone is logged in, bound "
                    + "to the starting browser's cookie (RemoteSignerLoginIT refuses it to another browser)"));

    private CustomerRouteTable() {
    }

    static boolean isAdmin(String path) {
        return path.equals("/admin") || path.startsWith("/admin/") || path.startsWith("/api/v1/admin/");
    }

    private static Route owned(String method, String path, Key key, String why) {
        return new Route(method, path, key, null, null, why);
    }

    private static Route notCustomerData(String method, String path, String why) {
        return new Route(method, path, Key.NONE, null, null, why);
    }
}
