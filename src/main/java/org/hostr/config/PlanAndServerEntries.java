package org.hostr.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Reads the optional [[plans]] and [[whm_servers]] arrays of tables. */
final class PlanAndServerEntries {

    private PlanAndServerEntries() {
    }

    static List<HostrConfig.PlanEntry> plans(JsonNode node, List<String> problems) {
        List<HostrConfig.PlanEntry> plans = new ArrayList<>();
        List<Map<String, Object>> entries = entries("plans", node, ConfigSchema.PLAN_KEYS, problems);
        for (Map<String, Object> e : entries) {
            plans.add(new HostrConfig.PlanEntry((String) e.get("slug"), (String) e.get("name"), (String) e.get("description"),
                    (Long) e.get("storage_mb"), (Long) e.get("bandwidth_mb"), (String) e.get("whm_package"),
                    (Long) e.get("price_minor"), (Long) e.get("setup_minor"), (String) e.get("currency"),
                    (String) e.get("period"), (Boolean) e.get("active"), (Long) e.get("sort")));
        }
        return List.copyOf(plans);
    }

    static List<HostrConfig.WhmServerEntry> servers(JsonNode node, List<String> problems) {
        List<HostrConfig.WhmServerEntry> servers = new ArrayList<>();
        for (Map<String, Object> e : entries("whm_servers", node, ConfigSchema.SERVER_KEYS, problems)) {
            servers.add(new HostrConfig.WhmServerEntry((String) e.get("name"), (String) e.get("url"), (String) e.get("user"),
                    (String) e.get("token"), (Long) e.get("max_accounts"), (String) e.get("tls_fingerprint"),
                    (Boolean) e.get("active")));
        }
        return List.copyOf(servers);
    }

    /** Each entry as a complete map (defaults filled), or nothing for an entry with problems. */
    private static List<Map<String, Object>> entries(String section, JsonNode node, Map<String, ConfigKey> schema,
                                                     List<String> problems) {
        List<Map<String, Object>> result = new ArrayList<>();
        if (node == null) {
            return result;
        }
        if (!node.isArray()) {
            problems.add(section + " must be an array of tables: write each entry as [[" + section + "]]");
            return result;
        }
        int index = 0;
        for (JsonNode entry : node) {
            index++;
            String where = section + "[" + index + "]";
            if (!entry.isObject()) {
                problems.add(where + " must be a table: write it as [[" + section + "]]");
                continue;
            }
            int before = problems.size();
            Map<String, Object> values = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = entry.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                ConfigKey key = schema.get(field.getKey());
                if (key == null) {
                    problems.add("unknown key " + where + "." + field.getKey() + ": known keys are " + String.join(", ", schema.keySet()));
                    continue;
                }
                Object value = TomlValues.typed(field.getValue(), key.type());
                if (value == null) {
                    problems.add(where + "." + key.name() + " must be " + key.type().description
                            + ", found " + TomlValues.describe(field.getValue()));
                } else {
                    values.put(key.name(), value);
                }
            }
            for (ConfigKey key : schema.values()) {
                if (!values.containsKey(key.name())) {
                    if (key.defaultValue() == null) {
                        problems.add(where + "." + key.name() + " is required");
                    } else {
                        values.put(key.name(), key.defaultValue());
                    }
                }
            }
            if (problems.size() == before) {
                result.add(values);
            }
        }
        return result;
    }
}
