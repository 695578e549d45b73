package org.hostr.provisioning.whm;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * cPanel username rules (spec §2.2) as pure functions: pick a name from a domain, the next name after a
 * collision, and a local validity check. The local check is a first filter only: WHM's reserved list includes
 * every /etc/aliases entry and grows between releases, so {@link WhmClient#verifyNewUsername} is the real check.
 */
public final class UsernameRules {
    /** WHM's hard limit. */
    public static final int MAX_LENGTH = 16;
    /** With database prefixing the first 8 characters must be unique, so derived names stay within 8. */
    public static final int PREFIX_LENGTH = 8;
    /** Shorter names are padded: one or two letters say nothing to an operator and are often taken. */
    static final int MIN_DERIVED_LENGTH = 4;

    /** Part of cPanel's list (root and its /etc/aliases, postmaster's aliases, common service users). */
    private static final Set<String> RESERVED = Set.of(
            "root", "abuse", "adm", "admin", "apache", "bin", "cpanel", "daemon", "ftp", "halt", "info", "mail",
            "mailman", "marketing", "mysql", "named", "news", "nobody", "operator", "postgres", "postmaster",
            "sales", "security", "shutdown", "sshd", "support", "sync", "system", "usenet", "webmaster", "wheel",
            "www", "xfs");

    private static final Pattern SHAPE = Pattern.compile("[a-z][a-z0-9]{0," + (MAX_LENGTH - 1) + "}");
    private static final Pattern NOT_ALNUM = Pattern.compile("[^a-z0-9]");
    private static final Pattern TRAILING_DIGITS = Pattern.compile("^(.*?)(\\d*)$");

    private UsernameRules() {
    }

    /**
     * A first candidate from a domain: letters and digits of its first label (IDN accents dropped, or the
     * punycode when no Latin letters remain), at most 8 characters, never starting with a digit or "test",
     * never ending in "assword", never reserved.
     */
    public static String fromDomain(String domain) {
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("a username needs a domain, found an empty one");
        }
        String host = domain.strip().toLowerCase(Locale.ROOT).replaceAll("\\.+$", "");
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        String[] labels = host.split("\\.");
        StringBuilder name = new StringBuilder(letters(labels[0]));
        for (int i = 1; i < labels.length && name.length() < MIN_DERIVED_LENGTH; i++) {
            name.append(letters(labels[i]));
        }
        if (name.length() == 0) {
            name.append("site");
        }
        while (name.length() < MIN_DERIVED_LENGTH) {
            name.append('x');
        }
        if (Character.isDigit(name.charAt(0)) || name.toString().startsWith("test")) {
            name.insert(0, 'h');
        }
        String candidate = name.substring(0, Math.min(name.length(), PREFIX_LENGTH));
        while (candidate.endsWith("assword")) {
            candidate = candidate.substring(0, candidate.length() - 1);
        }
        return isValid(candidate) ? candidate : next(candidate);
    }

    /**
     * The name to try after {@code taken} was refused: its trailing number plus one ("shop" → "shop1",
     * "shop9" → "shop10", "example9" → "exampl10"), cutting letters to stay within 8 characters so the
     * database prefix changes too; beyond that (ten million tries) up to 16.
     */
    public static String next(String taken) {
        String name = taken.toLowerCase(Locale.ROOT);
        Matcher m = TRAILING_DIGITS.matcher(name);
        if (!SHAPE.matcher(name).matches() || name.startsWith("test") || !m.matches()) {
            throw new IllegalArgumentException("\"" + taken + "\" is not a username to continue from");
        }
        String stem = m.group(1);
        String digits = m.group(2);
        String counter = Long.toString(digits.isEmpty() ? 1 : Long.parseLong(digits) + 1);
        int limit = 1 + counter.length() <= PREFIX_LENGTH ? PREFIX_LENGTH : MAX_LENGTH;
        if (1 + counter.length() > limit) {
            throw new IllegalStateException("no username left after \"" + taken + "\"");
        }
        String candidate = stem.substring(0, Math.min(stem.length(), limit - counter.length())) + counter;
        return isValid(candidate) ? candidate : next(candidate);
    }

    /** cPanel's rules (§2.2) and the reserved names known here; see the class note on WHM being authoritative. */
    public static boolean isValid(String name) {
        return name != null
                && SHAPE.matcher(name).matches()
                && !name.startsWith("test")
                && !name.endsWith("assword")
                && !isReserved(name);
    }

    public static boolean isReserved(String name) {
        return RESERVED.contains(name);
    }

    /** ASCII letters and digits of a domain label, whether written in Unicode or as punycode. */
    private static String letters(String label) {
        String unicode = IDN.toUnicode(label, IDN.ALLOW_UNASSIGNED);
        String latin = Normalizer.normalize(unicode, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String ascii = NOT_ALNUM.matcher(latin.toLowerCase(Locale.ROOT)).replaceAll("");
        if (!ascii.isEmpty()) {
            return ascii;
        }
        try {
            String punycode = IDN.toASCII(label, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            return NOT_ALNUM.matcher(punycode.replaceFirst("^xn--", "")).replaceAll("");
        } catch (IllegalArgumentException notADomainLabel) {
            return "";
        }
    }
}
