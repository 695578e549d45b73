package org.hostr.nostr.nip05;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A NIP-05 identifier split into its parts: {@code bob@example.com}, or {@code _@example.com} for the domain's root
 * identity (written as the bare domain). NIP-05 allows only {@code a-z0-9-_.} in the local part, case-insensitive,
 * so both parts are kept in lowercase.
 */
public record Nip05Address(String local, String domain) {
    public static final String ROOT = "_";
    private static final int MAX_LOCAL_CHARS = 64;
    private static final int MAX_DOMAIN_CHARS = 253;
    private static final Pattern LOCAL = Pattern.compile("[a-z0-9._-]+");
    // LDH labels (RFC 1123), at least two of them: a NIP-05 domain is a public web host, never "localhost".
    private static final Pattern DOMAIN =
            Pattern.compile("(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern DOTTED_NUMBERS = Pattern.compile("[0-9.]+");

    /** Empty when {@code identifier} is not a NIP-05 identifier; never throws. */
    public static Optional<Nip05Address> parse(String identifier) {
        if (identifier == null) {
            return Optional.empty();
        }
        String text = identifier.strip().toLowerCase(Locale.ROOT);
        int at = text.indexOf('@');
        String local = at < 0 ? ROOT : text.substring(0, at);
        String domain = at < 0 ? text : text.substring(at + 1);
        if (local.length() > MAX_LOCAL_CHARS || !LOCAL.matcher(local).matches()
                || domain.length() > MAX_DOMAIN_CHARS || !DOMAIN.matcher(domain).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Nip05Address(local, domain));
    }

    /**
     * True for a domain like {@code 127.0.0.1} or {@code 127.1}. OkHttp connects to those without asking the DNS
     * resolver, so the resolver-level address check never sees them.
     */
    public boolean domainIsIpAddress() {
        return DOTTED_NUMBERS.matcher(domain).matches();
    }

    /** As people write it: the bare domain for the root identity. */
    @Override
    public String toString() {
        return ROOT.equals(local) ? domain : local + "@" + domain;
    }
}
