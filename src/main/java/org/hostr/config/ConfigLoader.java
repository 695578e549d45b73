package org.hostr.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a TOML file, lays environment overrides (HOSTR_SECTION_KEY) over it, checks every key against
 * {@link ConfigSchema} and builds a {@link HostrConfig}. Problems are collected, never thrown one at a time: an operator
 * sees the whole list at once.
 */
public final class ConfigLoader {

    private static final TomlMapper TOML = new TomlMapper();

    private ConfigLoader() {
    }

    public static HostrConfig load(Path file, Map<String, String> env, ConfigMode mode) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist: copy config.example.toml there and edit it");
        } catch (IOException e) {
            throw new ConfigException("config file " + file + " cannot be read: " + e.getMessage());
        }
        return parse(text, file.toString(), env, mode);
    }

    public static HostrConfig parse(String toml, String source, Map<String, String> env, ConfigMode mode) {
        JsonNode root;
        try {
            root = toml.isBlank() ? TOML.createObjectNode() : TOML.readTree(toml);
        } catch (JacksonException e) {
            throw new ConfigException(source + " is not valid TOML" + where(e.getLocation()) + ": " + e.getOriginalMessage());
        }
        List<String> problems = new ArrayList<>();
        Map<String, Object> values = new HashMap<>();
        readSections(root, problems, values);
        applyEnvironment(env, problems, values);

        List<HostrConfig.PlanEntry> plans = PlanAndServerEntries.plans(root.get("plans"), problems);
        List<HostrConfig.WhmServerEntry> servers = PlanAndServerEntries.servers(root.get("whm_servers"), problems);
        HostrConfig config = build(values, plans, servers);
        problems.addAll(ConfigValidator.validate(config, mode));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private static void readSections(JsonNode root, List<String> problems, Map<String, Object> values) {
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> section = it.next();
            String name = section.getKey();
            if (ConfigSchema.ARRAY_SECTIONS.contains(name)) {
                continue;
            }
            if (!ConfigSchema.isSection(name)) {
                problems.add("unknown section [" + name + "]: known sections are " + knownSections());
                continue;
            }
            if (!section.getValue().isObject()) {
                problems.add(name + " must be a table: write it as [" + name + "]");
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = section.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = keys.next();
                var key = ConfigSchema.find(name, entry.getKey());
                if (key.isEmpty()) {
                    problems.add("unknown key " + name + "." + entry.getKey() + ": remove it or check its spelling (see config.example.toml)");
                    continue;
                }
                Object value = TomlValues.typed(entry.getValue(), key.get().type());
                if (value == null) {
                    problems.add(key.get().path() + " must be " + key.get().type().description
                            + ", found " + TomlValues.describe(entry.getValue()));
                } else {
                    values.put(key.get().path(), value);
                }
            }
        }
    }

    private static void applyEnvironment(Map<String, String> env, List<String> problems, Map<String, Object> values) {
        for (ConfigKey key : ConfigSchema.KEYS) {
            String raw = env.get(key.envName());
            if (raw == null) {
                continue;
            }
            Object value = TomlValues.fromEnvironment(raw, key.type());
            if (value == null) {
                problems.add(key.envName() + " (overrides " + key.path() + ") must be " + key.type().description + ", found \"" + raw + "\"");
            } else {
                values.put(key.path(), value);
            }
        }
    }

    private static HostrConfig build(Map<String, Object> values, List<HostrConfig.PlanEntry> plans,
                                     List<HostrConfig.WhmServerEntry> servers) {
        Values v = new Values(values);
        return new HostrConfig(
                new HostrConfig.Server(v.str("server.host"), v.integer("server.port"), v.str("server.public_url"),
                        v.str("server.trusted_proxy_header")),
                new HostrConfig.Database(v.str("database.url"), v.str("database.user"), v.str("database.password"),
                        v.integer("database.pool_size")),
                new HostrConfig.Auth(v.list("auth.admin_npubs"), v.str("auth.session_secret"),
                        v.integer("auth.session_ttl_hours"), v.list("auth.relays"), v.integer("auth.login_rate_per_minute")),
                new HostrConfig.Strike(v.str("strike.base_url"), v.str("strike.api_key"), v.str("strike.webhook_secret"),
                        v.str("strike.invoice_currency"), v.integer("strike.reconcile_seconds")),
                new HostrConfig.Billing(v.str("billing.currency"), v.integer("billing.renewal_lead_days"),
                        v.integer("billing.grace_days"), v.integer("billing.terminate_after_days"),
                        v.bool("billing.review_before_terminate"), v.integer("billing.pending_order_days"),
                        v.integer("billing.sweep_interval_seconds")),
                new HostrConfig.Secrets(v.str("secrets.encryption_key")),
                new HostrConfig.Metrics(v.bool("metrics.enabled"), v.str("metrics.bearer_token")),
                new HostrConfig.Dev(v.bool("dev.test_clock")),
                new HostrConfig.Notify(v.str("notify.shop_nsec"), v.list("notify.relays"),
                        v.bool("notify.fallback_to_configured_relays"), v.str("notify.shop_name"),
                        v.str("notify.shop_nip05_name"), v.integer("notify.publish_timeout_seconds")),
                plans, servers);
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? "" : " at line " + location.getLineNr();
    }

    private static String knownSections() {
        List<String> names = new ArrayList<>();
        ConfigSchema.KEYS.forEach(k -> {
            if (!names.contains(k.section())) {
                names.add(k.section());
            }
        });
        names.addAll(ConfigSchema.ARRAY_SECTIONS.stream().map(s -> "[" + s + "]").toList());
        return String.join(", ", names);
    }

    /** Resolved values with the schema's defaults behind them. */
    private record Values(Map<String, Object> values) {
        private Object get(String path) {
            Object value = values.get(path);
            if (value != null) {
                return value;
            }
            String[] parts = path.split("\\.", 2);
            return ConfigSchema.find(parts[0], parts[1]).orElseThrow().defaultValue();
        }

        String str(String path) {
            return ((String) get(path)).trim();
        }

        int integer(String path) {
            long value = (Long) get(path);
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
        }

        boolean bool(String path) {
            return (Boolean) get(path);
        }

        @SuppressWarnings("unchecked")
        List<String> list(String path) {
            return List.copyOf((List<String>) get(path));
        }
    }

    static List<String> splitList(String raw) {
        return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
