package org.hostr.sim.whm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/** The simulated functions that only read: accountsummary, listaccts, listpkgs, version. */
final class ReadFunctions {
    static final String VERSION = "11.120.0.9";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter START_DATE =
            DateTimeFormatter.ofPattern("yy MMM dd HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final SimState state;

    ReadFunctions(SimState state) {
        this.state = state;
    }

    void register(Map<String, SimFunction> functions) {
        functions.put("accountsummary", this::accountsummary);
        functions.put("listaccts", this::listaccts);
        functions.put("listpkgs", this::listpkgs);
        functions.put("version", p -> SimReply.ok("OK", JSON.objectNode().put("version", VERSION)));
    }

    private SimReply accountsummary(Map<String, String> p) {
        String user = p.get("user");
        String domain = p.get("domain");
        if (user == null && domain == null) {
            return SimReply.fail("You must specify a user or domain to get a summary of");
        }
        return (user != null ? state.account(user.toLowerCase(Locale.ROOT)) : state.accountByDomain(domain))
                .map(a -> {
                    ObjectNode data = JSON.objectNode();
                    data.putArray("acct").add(describe(a));
                    return SimReply.ok("OK", data);
                })
                .orElseGet(() -> AccountFunctions.noSuchAccount(user != null ? user : domain));
    }

    /** search is a regex unless searchmethod=exact; no match answers an empty acct list (real form UNCONFIRMED). */
    private SimReply listaccts(Map<String, String> p) {
        Predicate<String> matches;
        String search = p.get("search");
        if (search == null || search.isEmpty()) {
            matches = value -> true;
        } else if ("exact".equalsIgnoreCase(p.get("searchmethod"))) {
            matches = value -> value.equalsIgnoreCase(search);
        } else {
            try {
                Pattern regex = Pattern.compile(search, Pattern.CASE_INSENSITIVE);
                matches = value -> regex.matcher(value).find();
            } catch (PatternSyntaxException e) {
                return SimReply.failWithXid("Invalid search regex: " + e.getDescription());
            }
        }
        String field = switch (p.getOrDefault("searchtype", "domain")) {
            case "user" -> "user";
            case "owner" -> "owner";
            case "ip" -> "ip";
            case "package" -> "plan";
            default -> "domain";
        };
        Set<String> want = p.containsKey("want")
                ? Arrays.stream(p.get("want").split(",")).map(String::strip).collect(Collectors.toSet())
                : Set.of();
        ObjectNode data = JSON.objectNode();
        ArrayNode accounts = data.putArray("acct");
        for (SimAccount account : state.accounts()) {
            // Matched on the field itself, and only matches described: a search on a server of thousands of accounts
            // is what Hostr does before every createacct.
            if (matches.test(searchable(account, field))) {
                ObjectNode described = describe(account);
                if (!want.isEmpty()) {
                    described.retain(want);
                }
                accounts.add(described);
            }
        }
        return SimReply.ok("OK", data);
    }

    /** The value listaccts searches for a searchtype, as {@link #describe} writes it. */
    private static String searchable(SimAccount account, String field) {
        return switch (field) {
            case "user" -> account.user();
            case "owner" -> "root";
            case "ip" -> account.ip();
            case "plan" -> account.plan();
            default -> account.domain();
        };
    }

    /** listpkgs: limit keys are UPPERCASE in WHM's answer; {@code want} is ignored. */
    private SimReply listpkgs(Map<String, String> p) {
        ObjectNode data = JSON.objectNode();
        ArrayNode pkgs = data.putArray("pkg");
        for (SimPackage pkg : state.packages()) {
            pkgs.addObject()
                    .put("name", pkg.name())
                    .put("QUOTA", pkg.quotaText())
                    .put("BWLIMIT", pkg.bwlimitText())
                    .put("CGI", "y")
                    .put("CPMOD", "jupiter")
                    .put("FEATURELIST", "default")
                    .put("HASSHELL", "n")
                    .put("IP", "n")
                    .put("LANG", "en")
                    .put("MAXADDON", "unlimited")
                    .put("MAXFTP", "unlimited")
                    .put("MAXLST", "unlimited")
                    .put("MAXPARK", "unlimited")
                    .put("MAXPOP", "unlimited")
                    .put("MAXSQL", "unlimited")
                    .put("MAXSUB", "unlimited")
                    .put("MAX_EMAIL_PER_HOUR", "unlimited");
        }
        return SimReply.ok("OK", data);
    }

    /** One acct entry as accountsummary and listaccts write it. */
    private ObjectNode describe(SimAccount a) {
        String diskLimit = state.findPackage(a.plan())
                .map(pkg -> pkg.quotaMb() == 0 ? "unlimited" : pkg.quotaMb() + "M")
                .orElse("unlimited");
        ObjectNode acct = JSON.objectNode()
                .put("user", a.user())
                .put("domain", a.domain())
                .put("plan", a.plan())
                .put("email", a.contactEmail() == null ? "*unknown*" : a.contactEmail())
                .put("owner", "root")
                .put("ip", a.ip())
                .put("partition", "home")
                .put("shell", "/usr/local/cpanel/bin/noshell")
                .put("theme", "jupiter")
                .put("startdate", START_DATE.format(Instant.ofEpochSecond(a.createdAt())))
                .put("unix_startdate", a.createdAt())
                .put("suspended", a.suspended() ? 1 : 0)
                // "not suspended" for active accounts is a tolerant guess (UNCONFIRMED); clients ignore it then.
                .put("suspendreason", a.suspended() ? a.suspendReason() : "not suspended")
                .put("is_locked", a.locked() ? 1 : 0)
                .put("disklimit", diskLimit)
                .put("diskused", "0M")
                .put("maxftp", "unlimited")
                .put("maxsql", "unlimited")
                .put("maxpop", "unlimited")
                .put("has_backup", 0);
        if (a.suspended()) {
            acct.put("suspendtime", a.suspendedAt());
        } else {
            acct.putNull("suspendtime");
        }
        acct.putArray("ipv6");
        return acct;
    }
}
