package org.hostr.billing;

import java.net.IDN;
import java.util.Locale;
import org.hostr.web.ApiError;

/**
 * A hosting domain as WHM will see it: lowercase ASCII (international names in punycode), at least two labels.
 * Pure rules, so the order form and tests agree on what a domain is.
 */
public record DomainName(String value) {
    private static final int MAX_LENGTH = 253;
    private static final int MAX_LABEL = 63;

    public DomainName {
        value = validate(value);
    }

    /** Trims, lowercases and converts to punycode, or throws a 400 {@code bad_domain} that says what is wrong. */
    public static DomainName parse(String input) {
        return new DomainName(input);
    }

    @Override
    public String toString() {
        return value;
    }

    private static String validate(String input) {
        if (input == null || input.isBlank()) {
            throw bad("a domain is required, e.g. example.com");
        }
        String trimmed = input.trim().toLowerCase(Locale.ROOT);
        if (trimmed.endsWith(".")) { // the root label written out ("example.com.") names the same domain
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.contains("*")) {
            throw bad("wildcard domains cannot be hosted: name one domain, e.g. example.com");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(trimmed, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw bad("\"" + input.trim() + "\" is not a valid domain name: use letters, digits and hyphens, e.g. example.com");
        }
        if (ascii.length() > MAX_LENGTH) {
            throw bad("the domain is longer than " + MAX_LENGTH + " characters");
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            throw bad("\"" + ascii + "\" needs a top-level domain, e.g. " + ascii + ".com");
        }
        for (String label : labels) {
            checkLabel(label, ascii);
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw bad("\"" + ascii + "\" looks like an IP address; hosting needs a domain name");
        }
        return ascii;
    }

    private static void checkLabel(String label, String domain) {
        if (label.isEmpty()) {
            throw bad("\"" + domain + "\" has an empty part between dots");
        }
        if (label.length() > MAX_LABEL) {
            throw bad("each part of a domain may have at most " + MAX_LABEL + " characters; \"" + label + "\" is longer");
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok) {
                throw bad("\"" + domain + "\" contains '" + c + "': use letters, digits and hyphens");
            }
        }
        if (label.startsWith("-") || label.endsWith("-")) {
            throw bad("a part of a domain may not start or end with a hyphen: \"" + label + "\"");
        }
    }

    private static ApiError bad(String message) {
        return ApiError.badRequest("bad_domain", message);
    }
}
