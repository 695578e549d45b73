package org.hostr.config;

import java.util.List;

/** The whole configuration, immutable. Records that hold secrets redact them in toString. */
public record HostrConfig(
        Server server,
        Database database,
        Auth auth,
        Strike strike,
        Billing billing,
        Secrets secrets,
        Metrics metrics,
        Dev dev,
        Notify notices,
        List<PlanEntry> plans,
        List<WhmServerEntry> whmServers) {

    public record Server(String host, int port, String publicUrl, String trustedProxyHeader) {
        /** The public URL without a trailing slash, the base of every absolute URL Hostr hands out. */
        public String baseUrl() {
            return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        }

        public boolean https() {
            return publicUrl.startsWith("https://");
        }
    }

    public record Database(String url, String user, String password, int poolSize) {
        public boolean sqlite() {
            return url.startsWith("jdbc:sqlite:");
        }

        @Override
        public String toString() {
            return "Database[url=" + url + ", user=" + user + ", password=" + redact(password) + ", poolSize=" + poolSize + "]";
        }
    }

    public record Auth(List<String> adminNpubs, String sessionSecret, int sessionTtlHours, List<String> relays,
                       int loginRatePerMinute) {
        @Override
        public String toString() {
            return "Auth[adminNpubs=" + adminNpubs + ", sessionSecret=" + redact(sessionSecret)
                    + ", sessionTtlHours=" + sessionTtlHours + ", relays=" + relays
                    + ", loginRatePerMinute=" + loginRatePerMinute + "]";
        }
    }

    public record Strike(String baseUrl, String apiKey, String webhookSecret, String invoiceCurrency, int reconcileSeconds) {
        @Override
        public String toString() {
            return "Strike[baseUrl=" + baseUrl + ", apiKey=" + redact(apiKey) + ", webhookSecret=" + redact(webhookSecret)
                    + ", invoiceCurrency=" + invoiceCurrency + ", reconcileSeconds=" + reconcileSeconds + "]";
        }
    }

    public record Billing(String currency, int renewalLeadDays, int graceDays, int terminateAfterDays,
                          boolean reviewBeforeTerminate, int pendingOrderDays, int sweepIntervalSeconds) {
    }

    public record Secrets(String encryptionKey) {
        @Override
        public String toString() {
            return "Secrets[encryptionKey=" + redact(encryptionKey) + "]";
        }
    }

    public record Metrics(boolean enabled, String bearerToken) {
        @Override
        public String toString() {
            return "Metrics[enabled=" + enabled + ", bearerToken=" + redact(bearerToken) + "]";
        }
    }

    public record Dev(boolean testClock) {
    }

    /**
     * Private notices (NIP-17) from the shop's own Nostr key, and the shop's public identity (kind 0, NIP-05).
     *
     * @param shopNsec                   the shop's secret key as nsec1…; empty: notices are recorded as skipped
     * @param fallbackToConfiguredRelays send to {@code relays} when a recipient publishes no DM relay list (kind 10050)
     */
    public record Notify(String shopNsec, List<String> relays, boolean fallbackToConfiguredRelays, String shopName,
                         String shopNip05Name, int publishTimeoutSeconds) {
        /** No shop key: every notice is recorded and skipped, nothing is published. */
        public static Notify off() {
            return new Notify("", List.of(), true, "Hostr", "shop", 10);
        }

        public Notify {
            relays = List.copyOf(relays);
        }

        public boolean enabled() {
            return !shopNsec.isEmpty();
        }

        /** The same settings for another shop key (demo and tests make one up). */
        public Notify withShopNsec(String nsec) {
            return new Notify(nsec, relays, fallbackToConfiguredRelays, shopName, shopNip05Name, publishTimeoutSeconds);
        }

        public Notify withRelays(List<String> urls) {
            return new Notify(shopNsec, urls, fallbackToConfiguredRelays, shopName, shopNip05Name, publishTimeoutSeconds);
        }

        @Override
        public String toString() {
            return "Notify[shopNsec=" + redact(shopNsec) + ", relays=" + relays + ", fallbackToConfiguredRelays="
                    + fallbackToConfiguredRelays + ", shopName=" + shopName + ", shopNip05Name=" + shopNip05Name
                    + ", publishTimeoutSeconds=" + publishTimeoutSeconds + "]";
        }
    }

    /** A plan kept in the config file, upserted into the catalogue at start. */
    public record PlanEntry(String slug, String name, String description, long storageMb, long bandwidthMb,
                            String whmPackage, long priceMinor, long setupMinor, String currency, String period,
                            boolean active, long sort) {
    }

    /** A WHM server kept in the config file, upserted at start (its token is stored encrypted). */
    public record WhmServerEntry(String name, String url, String user, String token, long maxAccounts,
                                 String tlsFingerprint, boolean active) {
        @Override
        public String toString() {
            return "WhmServerEntry[name=" + name + ", url=" + url + ", user=" + user + ", token=" + redact(token)
                    + ", maxAccounts=" + maxAccounts + ", tlsFingerprint=" + tlsFingerprint + ", active=" + active + "]";
        }
    }

    static String redact(String secret) {
        return secret == null || secret.isEmpty() ? "(unset)" : "(set)";
    }
}
