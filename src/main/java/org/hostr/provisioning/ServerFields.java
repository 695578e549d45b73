package org.hostr.provisioning;

import java.net.InetAddress;
import java.util.Locale;
import okhttp3.HttpUrl;
import org.hostr.provisioning.whm.WhmEndpoint;
import org.hostr.web.ApiError;

/**
 * A server entry checked and normalised, or an ApiError 400 that says which field is wrong and how to fix it. The URL
 * must be https: the token travels in every request. Plain http is allowed only to loopback (a simulator, a tunnel).
 *
 * @param token null on an edit that keeps the stored token
 */
record ServerFields(String name, String url, String user, String token, String fingerprint, long maxAccounts,
                    boolean active, String nameservers) {

    static ServerFields forNew(ServerInput in) {
        if (in.token() == null || in.token().isBlank()) {
            throw ApiError.badRequest("token_required",
                    "token is required: create an API token in WHM » Manage API Tokens and paste it here");
        }
        return check(in.name(), in.url(), in.user() == null ? "root" : in.user(), in.token().strip(),
                in.tlsFingerprint(), in.maxAccounts() == null ? 500 : in.maxAccounts(),
                in.active() == null || in.active(), in.nameservers());
    }

    static ServerFields forEdit(Server current, ServerInput in) {
        String token = in.token() == null || in.token().isBlank() ? null : in.token().strip();
        return check(
                in.name() == null ? current.name() : in.name(),
                in.url() == null ? current.url() : in.url(),
                in.user() == null ? current.user() : in.user(),
                token,
                in.tlsFingerprint() == null ? current.tlsFingerprint() : in.tlsFingerprint(),
                in.maxAccounts() == null ? current.maxAccounts() : in.maxAccounts(),
                in.active() == null ? current.active() : in.active(),
                in.nameservers() == null ? current.nameservers() : in.nameservers());
    }

    private static ServerFields check(String name, String url, String user, String token, String fingerprint,
                                      long maxAccounts, boolean active, String nameservers) {
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw ApiError.badRequest("name_required", "name is required (at most 100 characters), such as \"whm1\"");
        }
        if (user == null || user.isBlank()) {
            throw ApiError.badRequest("user_required", "user is required: root or a reseller's user name");
        }
        if (maxAccounts < 1) {
            throw ApiError.badRequest("bad_max_accounts", "max_accounts must be at least 1, found " + maxAccounts);
        }
        String checkedUrl = checkUrl(url);
        String checkedFingerprint;
        try {
            // WhmEndpoint normalises the URL and the fingerprint the way the client will use them.
            WhmEndpoint endpoint = new WhmEndpoint(checkedUrl, user, token == null ? "unchanged" : token,
                    fingerprint == null || fingerprint.isBlank() ? null : fingerprint);
            checkedUrl = endpoint.baseUrl();
            checkedFingerprint = endpoint.pinnedFingerprint().orElse(null);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("bad_server", e.getMessage());
        }
        return new ServerFields(name.strip(), checkedUrl, user.strip(), token, checkedFingerprint, maxAccounts, active,
                nameservers == null ? "" : nameservers.strip());
    }

    static String checkUrl(String url) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url.strip());
        if (parsed == null) {
            throw ApiError.badRequest("bad_url", "url must be WHM's address such as https://whm1.example.com:2087, found \""
                    + url + "\"");
        }
        if (!parsed.isHttps() && !isLoopback(parsed.host())) {
            throw ApiError.badRequest("https_required", "url must start with https:// (the API token is sent with "
                    + "every call); plain http is only allowed to 127.0.0.1 or localhost");
        }
        return url.strip();
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost")) {
            return true;
        }
        // Only literal addresses: resolving a name here would trust DNS to say what is local.
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (Exception e) {
            return false;
        }
    }

    /** For the audit log; never the token. */
    String describe() {
        return "name=" + name + ", url=" + url + ", user=" + user + ", max_accounts=" + maxAccounts + ", active=" + active
                + (fingerprint == null ? "" : ", tls_fingerprint=" + fingerprint);
    }
}
