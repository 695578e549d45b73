package org.hostr.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns TOML nodes and environment strings into the Java values a {@link ConfigType} promises, or null. */
final class TomlValues {

    private TomlValues() {
    }

    static Object typed(JsonNode node, ConfigType type) {
        return switch (type) {
            case STRING -> node.isTextual() ? node.asText() : null;
            case INTEGER -> node.isIntegralNumber() && node.canConvertToLong() ? node.asLong() : null;
            case BOOLEAN -> node.isBoolean() ? node.asBoolean() : null;
            case STRING_LIST -> stringList(node);
        };
    }

    static Object fromEnvironment(String raw, ConfigType type) {
        String value = raw.trim();
        return switch (type) {
            case STRING -> raw;
            case INTEGER -> {
                try {
                    yield Long.parseLong(value);
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
            case BOOLEAN -> switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes" -> Boolean.TRUE;
                case "false", "0", "no" -> Boolean.FALSE;
                default -> null;
            };
            case STRING_LIST -> ConfigLoader.splitList(value);
        };
    }

    static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isIntegralNumber()) {
            return "an integer";
        }
        if (node.isNumber()) {
            return "a decimal number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a table";
        }
        return "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static List<String> stringList(JsonNode node) {
        if (!node.isArray()) {
            return null;
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                return null;
            }
            items.add(item.asText());
        }
        return items;
    }
}
