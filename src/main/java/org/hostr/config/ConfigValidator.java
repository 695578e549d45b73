package org.hostr.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.hostr.nostr.Nip19;

/** Checks the meaning of each value; every message names the key and what to do about it. */
final class ConfigValidator {

    private static final Set<String> STRIKE_CURRENCIES = Set.of("BTC", "USD", "EUR", "USDT", "GBP", "AUD");
    private static final Set<String> PERIODS = Set.of("P1M", "P3M", "P6M", "P1Y");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3,4}");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern FINGERPRINT = Pattern.compile("(?i)([0-9a-f]{2}:?){31}[0-9a-f]{2}");

    private ConfigValidator() {
    }

    static List<String> validate(HostrConfig c, ConfigMode mode) {
        List<String> p = new ArrayList<>();
        database(c.database(), p);
        if (mode == ConfigMode.MIGRATE) {
            return p;
        }
        server(c.server(), p);
        auth(c.auth(), mode, p);
        strike(c.strike(), mode, p);
        billing(c.billing(), p);
        secrets(c.secrets(), mode, p);
        NotifySettings.validate(c.notices(), mode, p);
        for (HostrConfig.PlanEntry plan : c.plans()) {
            plan(plan, p);
        }
        duplicates("plans", c.plans().stream().map(HostrConfig.PlanEntry::slug).toList(), "slug", p);
        for (HostrConfig.WhmServerEntry server : c.whmServers()) {
            whmServer(server, p);
        }
        duplicates("whm_servers", c.whmServers().stream().map(HostrConfig.WhmServerEntry::name).toList(), "name", p);
        return p;
    }

    private static void server(HostrConfig.Server s, List<String> p) {
        if (s.port() < 0 || s.port() > 65535) {
            p.add("server.port must be between 1 and 65535 (0 picks a free port), found " + s.port());
        }
        if (!httpUrl(s.publicUrl()) || URI.create(s.publicUrl()).getRawQuery() != null) {
            p.add("server.public_url must be the absolute http(s) URL customers reach, such as https://hosting.example.com, found \""
                    + s.publicUrl() + "\"");
        }
        if (!s.trustedProxyHeader().isEmpty() && !HEADER_NAME.matcher(s.trustedProxyHeader()).matches()) {
            p.add("server.trusted_proxy_header must be a header name such as X-Forwarded-For, or empty when no proxy is in front");
        }
    }

    private static void database(HostrConfig.Database d, List<String> p) {
        if (!d.url().startsWith("jdbc:sqlite:") && !d.url().startsWith("jdbc:postgresql://")) {
            p.add("database.url must start with jdbc:sqlite: (a file) or jdbc:postgresql:// (a server), found \"" + d.url() + "\"");
        }
        if (d.poolSize() < 1 || d.poolSize() > 200) {
            p.add("database.pool_size must be between 1 and 200, found " + d.poolSize());
        }
    }

    private static void auth(HostrConfig.Auth a, ConfigMode mode, List<String> p) {
        for (String npub : a.adminNpubs()) {
            if (!isNpub(npub)) {
                p.add("auth.admin_npubs has \"" + npub + "\", which is not a valid npub (npub1…, 63 characters)");
            }
        }
        if (mode == ConfigMode.SERVE) {
            if (a.sessionSecret().isEmpty()) {
                p.add(missing("auth.session_secret", "HOSTR_AUTH_SESSION_SECRET", "at least 32 random characters"));
            } else if (a.sessionSecret().length() < 32) {
                p.add("auth.session_secret is too short: use at least 32 random characters (openssl rand -base64 48)");
            }
        }
        if (a.sessionTtlHours() < 1 || a.sessionTtlHours() > 24 * 366) {
            p.add("auth.session_ttl_hours must be between 1 and 8784, found " + a.sessionTtlHours());
        }
        if (a.loginRatePerMinute() < 1) {
            p.add("auth.login_rate_per_minute must be at least 1, found " + a.loginRatePerMinute());
        }
        for (String relay : a.relays()) {
            if (!relay.startsWith("wss://") && !relay.startsWith("ws://")) {
                p.add("auth.relays has \"" + relay + "\": relay URLs start with wss://");
            }
        }
    }

    private static void strike(HostrConfig.Strike s, ConfigMode mode, List<String> p) {
        if (!httpUrl(s.baseUrl())) {
            p.add("strike.base_url must be an http(s) URL such as https://api.strike.me, found \"" + s.baseUrl() + "\"");
        }
        if (!STRIKE_CURRENCIES.contains(s.invoiceCurrency())) {
            p.add("strike.invoice_currency must be one of " + STRIKE_CURRENCIES + ", found \"" + s.invoiceCurrency() + "\"");
        }
        if (s.reconcileSeconds() < 5) {
            p.add("strike.reconcile_seconds must be at least 5, found " + s.reconcileSeconds());
        }
        if (mode == ConfigMode.SERVE) {
            if (s.apiKey().isEmpty()) {
                p.add(missing("strike.api_key", "HOSTR_STRIKE_API_KEY", "the API key from the Strike dashboard"));
            }
            if (s.webhookSecret().isEmpty()) {
                p.add(missing("strike.webhook_secret", "HOSTR_STRIKE_WEBHOOK_SECRET", "10 to 50 random characters"));
            }
        }
        if (!s.webhookSecret().isEmpty() && (s.webhookSecret().length() < 10 || s.webhookSecret().length() > 50)) {
            p.add("strike.webhook_secret must be 10 to 50 characters long (Strike's rule), found " + s.webhookSecret().length());
        }
    }

    private static void billing(HostrConfig.Billing b, List<String> p) {
        if (!CURRENCY.matcher(b.currency()).matches()) {
            p.add("billing.currency must be a currency code such as USD, found \"" + b.currency() + "\"");
        }
        nonNegative("billing.renewal_lead_days", b.renewalLeadDays(), p);
        nonNegative("billing.grace_days", b.graceDays(), p);
        nonNegative("billing.terminate_after_days", b.terminateAfterDays(), p);
        nonNegative("billing.pending_order_days", b.pendingOrderDays(), p);
        if (b.sweepIntervalSeconds() < 1) {
            p.add("billing.sweep_interval_seconds must be at least 1, found " + b.sweepIntervalSeconds());
        }
    }

    private static void secrets(HostrConfig.Secrets s, ConfigMode mode, List<String> p) {
        if (s.encryptionKey().isEmpty()) {
            if (mode == ConfigMode.SERVE) {
                p.add(missing("secrets.encryption_key", "HOSTR_SECRETS_ENCRYPTION_KEY", "32 random bytes in base64 (openssl rand -base64 32)"));
            }
            return;
        }
        try {
            if (Base64.getDecoder().decode(s.encryptionKey()).length != 32) {
                p.add("secrets.encryption_key must be 32 bytes in base64 (openssl rand -base64 32)");
            }
        } catch (IllegalArgumentException e) {
            p.add("secrets.encryption_key is not valid base64: make one with openssl rand -base64 32");
        }
    }

    private static void plan(HostrConfig.PlanEntry plan, List<String> p) {
        String where = "plans[" + plan.slug() + "]";
        if (!SLUG.matcher(plan.slug()).matches()) {
            p.add(where + ".slug must be lowercase letters, digits and dashes (at most 40), found \"" + plan.slug() + "\"");
        }
        if (!PERIODS.contains(plan.period())) {
            p.add(where + ".period must be one of P1M, P3M, P6M, P1Y, found \"" + plan.period() + "\"");
        }
        if (!CURRENCY.matcher(plan.currency()).matches()) {
            p.add(where + ".currency must be a currency code such as USD, found \"" + plan.currency() + "\"");
        }
        if (plan.priceMinor() < 0 || plan.setupMinor() < 0 || plan.storageMb() < 0 || plan.bandwidthMb() < 0) {
            p.add(where + ": price_minor, setup_minor, storage_mb and bandwidth_mb must not be negative");
        }
        if (plan.name().isBlank() || plan.whmPackage().isBlank()) {
            p.add(where + ": name and whm_package must not be empty");
        }
    }

    private static void whmServer(HostrConfig.WhmServerEntry s, List<String> p) {
        String where = "whm_servers[" + s.name() + "]";
        if (!httpUrl(s.url())) {
            p.add(where + ".url must be a URL such as https://whm1.example.com:2087, found \"" + s.url() + "\"");
        } else if (s.url().startsWith("http://") && !loopback(s.url())) {
            p.add(where + ".url must use https: the API token would cross the network in clear text");
        }
        if (s.token().isBlank()) {
            p.add(where + ".token must not be empty: create an API token in WHM » Manage API Tokens");
        }
        if (s.maxAccounts() < 1) {
            p.add(where + ".max_accounts must be at least 1, found " + s.maxAccounts());
        }
        if (!s.tlsFingerprint().isEmpty() && !FINGERPRINT.matcher(s.tlsFingerprint()).matches()) {
            p.add(where + ".tls_fingerprint must be the certificate's SHA-256 fingerprint in hex (64 digits, colons allowed)");
        }
    }

    private static boolean isNpub(String value) {
        try {
            return value.startsWith("npub1") && Nip19.decodePublicKey(value) != null;
        } catch (Exception e) {
            return false;
        }
    }

    static boolean loopback(String url) {
        String host = URI.create(url).getHost();
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1"));
    }

    private static boolean httpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        } catch (Exception e) {
            return false;
        }
    }

    private static void nonNegative(String key, int value, List<String> p) {
        if (value < 0) {
            p.add(key + " must not be negative, found " + value);
        }
    }

    private static void duplicates(String section, List<String> names, String field, List<String> p) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                p.add(section + " has two entries with " + field + " \"" + name + "\"");
            }
        }
    }

    private static String missing(String key, String env, String what) {
        return key + " is missing: set it in the config file or in the environment as " + env + " (" + what + ")";
    }
}
