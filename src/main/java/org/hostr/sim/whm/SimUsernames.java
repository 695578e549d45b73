package org.hostr.sim.whm;

import static org.hostr.sim.whm.SimReply.quoted;

import java.util.Optional;
import java.util.Set;

/**
 * The server side of cPanel's username rules (spec §2.2). Written apart from the client's UsernameRules on
 * purpose: tests must catch the client and the server disagreeing. Only the reserved-name and existing-account
 * texts are confirmed; the others are UNCONFIRMED wordings.
 */
final class SimUsernames {
    /** A sample of cPanel's reserved list; the real one also holds every /etc/aliases entry. */
    private static final Set<String> RESERVED = Set.of(
            "root", "abuse", "adm", "admin", "amandabackup", "apache", "bin", "cpanel", "daemon", "dovecot",
            "ftp", "games", "info", "mail", "mailman", "mailnull", "marketing", "mysql", "named", "news", "nobody",
            "postgres", "postmaster", "sales", "security", "sshd", "support", "system", "webmaster", "wheel", "www");

    private SimUsernames() {
    }

    /** Why WHM would refuse this (already lowercased) name for a new account, or empty when it is usable. */
    static Optional<String> refusal(String user, SimState state, boolean databasePrefixing) {
        if (user == null || user.isEmpty()) {
            return Optional.of("You must specify a username.");
        }
        if (user.length() > 16) {
            return Optional.of("The username " + quoted(user) + " is too long: usernames may not exceed 16 characters.");
        }
        if (!user.matches("[a-z0-9]+")) {
            return Optional.of("The username " + quoted(user)
                    + " is invalid: usernames may only contain lowercase letters (a-z) and digits (0-9).");
        }
        if (Character.isDigit(user.charAt(0)) || user.startsWith("test")) {
            return Optional.of("The username " + quoted(user)
                    + " is invalid: usernames cannot begin with a digit or the string " + quoted("test") + ".");
        }
        if (user.endsWith("assword")) {
            return Optional.of("The username " + quoted(user)
                    + " is invalid: usernames cannot end with the string " + quoted("assword") + ".");
        }
        if (RESERVED.contains(user)) {
            return Optional.of(quoted(user) + " is a reserved username on this system.");
        }
        if (state.account(user).isPresent()) {
            return Optional.of("This system already has an account named " + quoted(user) + ".");
        }
        if (databasePrefixing) {
            String prefix = user.substring(0, Math.min(8, user.length()));
            Optional<SimAccount> clash = state.accounts().stream()
                    .filter(a -> a.user().substring(0, Math.min(8, a.user().length())).equals(prefix))
                    .findFirst();
            if (clash.isPresent()) {
                return Optional.of("The username " + quoted(user) + " would share its database prefix "
                        + quoted(prefix) + " with the account " + quoted(clash.get().user())
                        + ": the first 8 characters must be unique.");
            }
        }
        return Optional.empty();
    }
}
