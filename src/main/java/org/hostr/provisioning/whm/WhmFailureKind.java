package org.hostr.provisioning.whm;

import java.util.List;
import java.util.Locale;

/**
 * What a {@code metadata.reason} is about. WHM reasons are free text with an optional {@code (XID abc123)} prefix
 * and typographic quotes, and their wording varies between releases, so they are matched by lowercase substrings,
 * never by equality. Texts the spec marks UNCONFIRMED are matched by several likely wordings.
 */
public enum WhmFailureKind {
    /** "Sorry, “pkg” is not a valid pacakge name." (typo verbatim) and other missing-package wordings. */
    UNKNOWN_PACKAGE,
    /** "(XID …) The domain “x” already exists in the userdata." */
    DOMAIN_TAKEN,
    /** "This system already has an account named “x”.", passwd entry or group left behind by a half-done create. */
    USERNAME_TAKEN,
    /** "(XID …) “x” is a reserved username on this system." */
    RESERVED_USERNAME,
    /** The account named in the call does not exist ("does not exist"-style; exact text UNCONFIRMED). */
    NO_SUCH_ACCOUNT,
    /** A token without the ACL for this function (text UNCONFIRMED). */
    PERMISSION_DENIED,
    /** Anything else: show the reason to an operator. */
    OTHER;

    private static final List<String> MISSING = List.of("does not exist", "doesn't exist", "not exist");
    private static final List<String> NO_SUCH_ACCOUNT_WORDS = List.of("does not exist", "doesn't exist",
            "no such user", "no such account", "user not found", "account not found");

    public static WhmFailureKind of(String reason) {
        String r = plain(reason);
        if ((r.contains("pacakge") || r.contains("package"))
                && (r.contains("not a valid") || containsAny(r, MISSING))) {
            return UNKNOWN_PACKAGE;
        }
        if (r.contains("domain") && (r.contains("already exists") || r.contains("already owned"))) {
            return DOMAIN_TAKEN;
        }
        if (r.contains("already has an account named")
                || r.contains("passwd entry for that username already exists")
                || (r.contains("group") && r.contains("already exists"))
                || (r.contains("username") && r.contains("already exists"))) {
            return USERNAME_TAKEN;
        }
        if (r.contains("reserved username") || r.contains("is reserved")) {
            return RESERVED_USERNAME;
        }
        if (containsAny(r, NO_SUCH_ACCOUNT_WORDS)) {
            return NO_SUCH_ACCOUNT;
        }
        if (r.contains("permission denied") || r.contains("access denied") || r.contains("not authorized")
                || r.contains("lacks the privilege")) {
            return PERMISSION_DENIED;
        }
        return OTHER;
    }

    /** Lowercase with typographic quotes made plain, for substring matching. */
    static String plain(String reason) {
        if (reason == null) {
            return "";
        }
        return reason.toLowerCase(Locale.ROOT)
                .replace('\u201c', '"').replace('\u201d', '"')
                .replace('\u2018', '\'').replace('\u2019', '\'');
    }

    private static boolean containsAny(String text, List<String> words) {
        return words.stream().anyMatch(text::contains);
    }
}
