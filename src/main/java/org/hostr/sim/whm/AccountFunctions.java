package org.hostr.sim.whm;

import static org.hostr.sim.whm.SimReply.quoted;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated functions that change accounts. Reasons quoted in the spec are reproduced verbatim (typo
 * included); the "does not exist", invalid-domain and weak-password texts are UNCONFIRMED wordings.
 */
final class AccountFunctions {
    static final String IP = "192.0.2.10";
    static final String NS1 = "ns1.whm-sim.test";
    static final String NS2 = "ns2.whm-sim.test";

    private final SimState state;
    private final WhmFaults faults;

    AccountFunctions(SimState state, WhmFaults faults) {
        this.state = state;
        this.faults = faults;
    }

    void register(Map<String, SimFunction> functions) {
        functions.put("createacct", this::createacct);
        functions.put("verify_new_username", this::verifyNewUsername);
        functions.put("suspendacct", this::suspendacct);
        functions.put("unsuspendacct", this::unsuspendacct);
        functions.put("removeacct", this::removeacct);
        functions.put("changepackage", this::changepackage);
        functions.put("passwd", this::passwd);
    }

    private SimReply createacct(Map<String, String> p) {
        String user = lower(p.get("username"));
        String domain = p.containsKey("domain") ? lower(p.get("domain")) : user + ".temp.whm-sim.test";
        // WHM falls back to its "default" package, which exists on every server even when not listed.
        String plan = p.getOrDefault("plan", "default");
        String password = p.containsKey("password") ? p.get("password") : p.get("pass");
        synchronized (state) {
            Optional<String> refusal = SimUsernames.refusal(user, state, true);
            if (refusal.isPresent()) {
                return SimReply.failWithXid(refusal.get());
            }
            if (!domain.matches("([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z0-9-]{2,}")) {
                return SimReply.failWithXid(quoted(domain) + " is not a valid domain name.");
            }
            if (state.accountByDomain(domain).isPresent()) {
                return SimReply.failWithXid("The domain " + quoted(domain) + " already exists in the userdata.");
            }
            if (!plan.equals("default") && state.findPackage(plan).isEmpty()) {
                return SimReply.fail("Sorry, " + quoted(plan) + " is not a valid pacakge name.");
            }
            if (password != null && !strongEnough(password)) {
                return weakPassword();
            }
            state.put(SimAccount.created(user, domain, plan, p.get("contactemail"),
                    password == null ? "generated-" + System.nanoTime() : password, IP));
        }
        boolean halfCreated = faults.takeHalfCreate();
        pause(faults.createDelayMillis());
        if (halfCreated) {
            return SimReply.fail("Sorry, a group for that username already exists.");
        }
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("ip", IP);
        data.put("package", plan);
        String[] suffixes = {"", "2", "3", "4"};
        String[] nameservers = {NS1, NS2, "", ""};
        for (int i = 0; i < suffixes.length; i++) {
            data.put("nameserver" + suffixes[i], nameservers[i]);
            data.put("nameservera" + suffixes[i], nameservers[i].isEmpty() ? "" : "192.0.2." + (i + 1));
            data.put("nameserverentry" + suffixes[i], nameservers[i]);
        }
        return SimReply.ok("Account Creation Ok", data)
                .withRaw("Creating account " + user + " for " + domain + " on package " + plan + "... Done\n");
    }

    private SimReply verifyNewUsername(Map<String, String> p) {
        synchronized (state) {
            return SimUsernames.refusal(lower(p.get("user")), state, true)
                    .map(SimReply::failWithXid)
                    .orElse(SimReply.ok("OK"));
        }
    }

    private SimReply suspendacct(Map<String, String> p) {
        String user = lower(p.get("user"));
        String reason = p.getOrDefault("reason", "Unknown");
        boolean lock = "1".equals(p.get("disallowun"));
        synchronized (state) {
            // Suspending a suspended account succeeds and takes the new reason (WHM's behaviour UNCONFIRMED).
            return state.account(user).map(a -> {
                state.put(a.suspend(reason, lock));
                return SimReply.ok("OK").withRaw("Suspending " + user + "... Done\n");
            }).orElseGet(() -> noSuchAccount(user));
        }
    }

    private SimReply unsuspendacct(Map<String, String> p) {
        String user = lower(p.get("user"));
        synchronized (state) {
            return state.account(user).map(a -> {
                state.put(a.unsuspend());
                return SimReply.ok("OK").withRaw("Unsuspending " + user + "... Done\n");
            }).orElseGet(() -> noSuchAccount(user));
        }
    }

    private SimReply removeacct(Map<String, String> p) {
        // "user" is the deprecated alias of "username".
        String user = lower(p.containsKey("username") ? p.get("username") : p.get("user"));
        return state.remove(user)
                ? SimReply.ok("OK").withRaw("Removing account " + user + "... Done\n")
                : noSuchAccount(user);
    }

    private SimReply changepackage(Map<String, String> p) {
        String user = lower(p.get("user"));
        String pkg = p.getOrDefault("pkg", "");
        synchronized (state) {
            Optional<SimAccount> account = state.account(user);
            if (account.isEmpty()) {
                return noSuchAccount(user);
            }
            if (!pkg.equals("default") && state.findPackage(pkg).isEmpty()) {
                return SimReply.failWithXid("The package " + quoted(pkg) + " does not exist.");
            }
            state.put(account.get().withPlan(pkg));
            return SimReply.ok("Account Upgraded/Downgraded")
                    .withRaw("Changing package of " + user + " from " + account.get().plan() + " to " + pkg + "\n");
        }
    }

    private SimReply passwd(Map<String, String> p) {
        String user = lower(p.get("user"));
        String password = p.getOrDefault("password", "");
        synchronized (state) {
            Optional<SimAccount> account = state.account(user);
            if (account.isEmpty()) {
                return noSuchAccount(user);
            }
            if (!strongEnough(password)) {
                return weakPassword();
            }
            state.put(account.get().withPassword(password));
        }
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.putArray("app").add("system").add("ftp").add("mail");
        return SimReply.ok("Password changed for user " + quoted(user) + ".", data);
    }

    /** A minimal stand-in for WHM's strength meter: 8 characters mixing at least two kinds. */
    static boolean strongEnough(String password) {
        if (password.length() < 8) {
            return false;
        }
        int kinds = 0;
        kinds += password.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
        kinds += password.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
        kinds += password.chars().anyMatch(Character::isDigit) ? 1 : 0;
        kinds += password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
        return kinds >= 2;
    }

    private static SimReply weakPassword() {
        return SimReply.failWithXid("Sorry, the password you selected cannot be used because it is too weak"
                + " and would be too easy to guess. Please select a password with strength rating of 65 or higher.");
    }

    static SimReply noSuchAccount(String user) {
        return SimReply.failWithXid("The account " + quoted(user == null ? "" : user) + " does not exist.");
    }

    private static String lower(String value) {
        return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
