package org.hostr.provisioning.whm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads WHM's data shapes leniently: numbers may come as strings, flags as 0/1/"1"/true, lists may be absent. */
final class WhmParsing {

    private WhmParsing() {
    }

    /** {@code data.acct[]}; no match may be an empty list or no {@code acct} at all (UNCONFIRMED), both mean none. */
    static List<WhmAccount> accounts(JsonNode data) {
        List<WhmAccount> accounts = new ArrayList<>();
        for (JsonNode acct : list(data.path("acct"))) {
            accounts.add(account(acct));
        }
        return accounts;
    }

    static WhmAccount account(JsonNode acct) {
        boolean suspended = flag(acct.path("suspended"));
        String reason = text(acct.path("suspendreason"), null);
        return new WhmAccount(
                text(acct.path("user"), ""),
                text(acct.path("domain"), ""),
                text(acct.path("plan"), ""),
                suspended,
                suspended ? (reason == null ? "" : reason) : null,
                text(acct.path("diskused"), "*unknown*"),
                text(acct.path("disklimit"), "*unknown*"));
    }

    /** {@code data.pkg[]} with UPPERCASE limit keys; lowercase accepted too. */
    static List<WhmPackage> packages(JsonNode data) {
        List<WhmPackage> packages = new ArrayList<>();
        for (JsonNode pkg : list(data.path("pkg"))) {
            packages.add(new WhmPackage(
                    text(pkg.path("name"), ""),
                    text(either(pkg, "QUOTA", "quota"), "unlimited"),
                    text(either(pkg, "BWLIMIT", "bwlimit"), "unlimited")));
        }
        return packages;
    }

    static CreatedAccount created(String username, JsonNode data) {
        List<String> nameservers = new ArrayList<>();
        for (String key : List.of("nameserver", "nameserver2", "nameserver3", "nameserver4")) {
            String ns = text(data.path(key), "");
            if (!ns.isBlank()) {
                nameservers.add(ns);
            }
        }
        return new CreatedAccount(username, text(data.path("ip"), ""), text(data.path("package"), ""), nameservers);
    }

    /** 1, "1", true, "y" are yes; anything else, including absent, is no. */
    static boolean flag(JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        String text = node.asText("").strip();
        return text.equals("1") || text.equalsIgnoreCase("y") || text.equalsIgnoreCase("true");
    }

    static String text(JsonNode node, String fallback) {
        return node.isMissingNode() || node.isNull() ? fallback : node.asText();
    }

    private static JsonNode either(JsonNode node, String key, String otherKey) {
        return node.has(key) ? node.path(key) : node.path(otherKey);
    }

    /** An array as is, a lone object as a list of one, anything else as empty. */
    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else if (node.isObject()) {
            items.add(node);
        }
        return items;
    }
}
