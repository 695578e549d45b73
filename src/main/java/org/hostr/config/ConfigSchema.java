package org.hostr.config;

import static org.hostr.config.ConfigType.BOOLEAN;
import static org.hostr.config.ConfigType.INTEGER;
import static org.hostr.config.ConfigType.STRING;
import static org.hostr.config.ConfigType.STRING_LIST;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every key Hostr reads, with its type and default. config.example.toml documents the same list; a test keeps the
 * two in step. Anything not listed here is an unknown key and stops the start.
 */
final class ConfigSchema {

    static final List<ConfigKey> KEYS = List.of(
            new ConfigKey("server", "host", STRING, "0.0.0.0"),
            new ConfigKey("server", "port", INTEGER, 8080L),
            new ConfigKey("server", "public_url", STRING, "http://localhost:8080"),
            new ConfigKey("server", "trusted_proxy_header", STRING, ""),

            new ConfigKey("database", "url", STRING, "jdbc:sqlite:data/hostr.db"),
            new ConfigKey("database", "user", STRING, ""),
            new ConfigKey("database", "password", STRING, ""),
            new ConfigKey("database", "pool_size", INTEGER, 8L),

            new ConfigKey("auth", "admin_npubs", STRING_LIST, List.of()),
            new ConfigKey("auth", "session_secret", STRING, ""),
            new ConfigKey("auth", "session_ttl_hours", INTEGER, 168L),
            new ConfigKey("auth", "relays", STRING_LIST, List.of("wss://relay.damus.io", "wss://nos.lol")),
            new ConfigKey("auth", "login_rate_per_minute", INTEGER, 30L),

            new ConfigKey("strike", "base_url", STRING, "https://api.strike.me"),
            new ConfigKey("strike", "api_key", STRING, ""),
            new ConfigKey("strike", "webhook_secret", STRING, ""),
            new ConfigKey("strike", "invoice_currency", STRING, "USD"),
            new ConfigKey("strike", "reconcile_seconds", INTEGER, 30L),

            new ConfigKey("billing", "currency", STRING, "USD"),
            new ConfigKey("billing", "renewal_lead_days", INTEGER, 7L),
            new ConfigKey("billing", "grace_days", INTEGER, 3L),
            new ConfigKey("billing", "terminate_after_days", INTEGER, 15L),
            new ConfigKey("billing", "review_before_terminate", BOOLEAN, false),
            new ConfigKey("billing", "pending_order_days", INTEGER, 7L),
            new ConfigKey("billing", "sweep_interval_seconds", INTEGER, 60L),

            new ConfigKey("secrets", "encryption_key", STRING, ""),

            new ConfigKey("notify", "shop_nsec", STRING, ""),
            new ConfigKey("notify", "relays", STRING_LIST, List.of("wss://relay.damus.io", "wss://nos.lol")),
            new ConfigKey("notify", "fallback_to_configured_relays", BOOLEAN, true),
            new ConfigKey("notify", "shop_name", STRING, "Hostr"),
            new ConfigKey("notify", "shop_nip05_name", STRING, "shop"),
            new ConfigKey("notify", "publish_timeout_seconds", INTEGER, 10L),

            new ConfigKey("metrics", "enabled", BOOLEAN, true),
            new ConfigKey("metrics", "bearer_token", STRING, ""),

            new ConfigKey("dev", "test_clock", BOOLEAN, false));

    /** Keys of each [[plans]] entry; a null default means required. */
    static final Map<String, ConfigKey> PLAN_KEYS = entries("plans",
            new ConfigKey("plans", "slug", STRING, null),
            new ConfigKey("plans", "name", STRING, null),
            new ConfigKey("plans", "description", STRING, ""),
            new ConfigKey("plans", "storage_mb", INTEGER, null),
            new ConfigKey("plans", "bandwidth_mb", INTEGER, null),
            new ConfigKey("plans", "whm_package", STRING, null),
            new ConfigKey("plans", "price_minor", INTEGER, null),
            new ConfigKey("plans", "setup_minor", INTEGER, 0L),
            new ConfigKey("plans", "currency", STRING, "USD"),
            new ConfigKey("plans", "period", STRING, "P1M"),
            new ConfigKey("plans", "active", BOOLEAN, true),
            new ConfigKey("plans", "sort", INTEGER, 0L));

    /** Keys of each [[whm_servers]] entry; a null default means required. */
    static final Map<String, ConfigKey> SERVER_KEYS = entries("whm_servers",
            new ConfigKey("whm_servers", "name", STRING, null),
            new ConfigKey("whm_servers", "url", STRING, null),
            new ConfigKey("whm_servers", "user", STRING, "root"),
            new ConfigKey("whm_servers", "token", STRING, null),
            new ConfigKey("whm_servers", "max_accounts", INTEGER, 500L),
            new ConfigKey("whm_servers", "tls_fingerprint", STRING, ""),
            new ConfigKey("whm_servers", "active", BOOLEAN, true));

    static final List<String> ARRAY_SECTIONS = List.of("plans", "whm_servers");

    private ConfigSchema() {
    }

    static Optional<ConfigKey> find(String section, String name) {
        return KEYS.stream().filter(k -> k.section().equals(section) && k.name().equals(name)).findFirst();
    }

    static boolean isSection(String section) {
        return KEYS.stream().anyMatch(k -> k.section().equals(section));
    }

    private static Map<String, ConfigKey> entries(String section, ConfigKey... keys) {
        Map<String, ConfigKey> map = new LinkedHashMap<>();
        for (ConfigKey key : keys) {
            map.put(key.name(), key);
        }
        return Map.copyOf(map);
    }
}
