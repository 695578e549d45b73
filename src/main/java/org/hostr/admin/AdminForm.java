package org.hostr.admin;

import io.javalin.http.Context;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hostr.billing.Money;

/**
 * One submitted admin form, checked field by field. Each problem is collected as a sentence that names the field and
 * the fix; the raw values are kept so the page can show them back (escaped by the template) next to the messages.
 * Nothing may be changed unless {@link #ok()}.
 */
final class AdminForm {
    /** Longest value shown back on a refused form; the rest of an oversized value is cut. */
    private static final int ECHO_MAX = 300;

    private final Context ctx;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();

    AdminForm(Context ctx) {
        this.ctx = ctx;
    }

    /** One line of text: no control or invisible formatting characters, no angle brackets. Null when absent. */
    String line(String field, String label, int max, boolean required) {
        String value = raw(field);
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(label + " is required");
            }
            return null;
        }
        value = Normalizer.normalize(value.strip(), Normalizer.Form.NFC);
        if (value.length() > max) {
            errors.add(label + " is too long: at most " + max + " characters, found " + value.length());
        } else if (hasTricks(value, false)) {
            errors.add(label + " contains control or invisible characters (such as right-to-left overrides): type it plainly");
        } else if (value.indexOf('<') >= 0 || value.indexOf('>') >= 0) {
            errors.add(label + " must not contain < or >");
        } else {
            return value;
        }
        return null;
    }

    /** Free text over several lines (a note): newlines allowed, other control and invisible characters not. */
    String text(String field, String label, int max) {
        String value = raw(field);
        if (value == null || value.isBlank()) {
            errors.add(label + " is required");
            return null;
        }
        value = Normalizer.normalize(value.strip(), Normalizer.Form.NFC);
        if (value.length() > max) {
            errors.add(label + " is too long: at most " + max + " characters, found " + value.length());
            return null;
        }
        if (hasTricks(value, true)) {
            errors.add(label + " contains control or invisible characters (such as right-to-left overrides): type it plainly");
            return null;
        }
        return value;
    }

    /** A value matching a pattern, described for people in {@code shape}. */
    String pattern(String field, String label, String regex, String shape) {
        String value = line(field, label, 100, true);
        if (value != null && !value.matches(regex)) {
            errors.add(label + " must be " + shape);
            return null;
        }
        return value;
    }

    /** A whole number in [min, max]; {@code fallback} when absent and not required. */
    Long number(String field, String label, long min, long max, Long fallback) {
        String value = raw(field);
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                errors.add(label + " is required");
            }
            return fallback;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n < min || n > max) {
                errors.add(label + " must be between " + min + " and " + max);
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            errors.add(label + " must be a whole number, such as " + Math.max(min, 1));
            return null;
        }
    }

    /** An amount typed in major units ("5.00"), as minor units of the currency; null currency skips the check. */
    Long amount(String field, String label, String currency) {
        String value = raw(field);
        if (value == null || value.isBlank()) {
            errors.add(label + " is required, such as 5.00");
            return null;
        }
        if (!value.strip().matches("[0-9]{1,9}(\\.[0-9]{1,2})?")) {
            errors.add(label + " must be an amount such as 5.00 (digits and at most one decimal point)");
            return null;
        }
        if (currency == null) {
            return null;
        }
        BigDecimal major = new BigDecimal(value.strip());
        int digits = Money.fractionDigits(currency);
        if (major.scale() > digits) {
            errors.add(label + " has more decimals than " + currency + " allows (" + digits + ")");
            return null;
        }
        return major.movePointRight(digits).longValueExact();
    }

    /** As {@link #amount}, but blank is allowed and gives null (e.g. "refund all that is left"). */
    Long optionalAmount(String field, String label, String currency) {
        String value = raw(field);
        return value == null || value.isBlank() ? null : amount(field, label, currency);
    }

    /** One of a fixed set of values. */
    String choice(String field, String label, Set<String> allowed) {
        String value = raw(field);
        if (value == null || !allowed.contains(value.strip())) {
            errors.add(label + " must be one of " + String.join(", ", allowed.stream().sorted().toList()));
            return null;
        }
        return value.strip();
    }

    boolean checked(String field) {
        String value = raw(field);
        return value != null && (value.equals("on") || value.equals("true") || value.equals("1"));
    }

    void error(String message) {
        errors.add(message);
    }

    boolean ok() {
        return errors.isEmpty();
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    /** The raw values for showing the form again; oversized ones cut so a refused page stays small. */
    Map<String, String> values() {
        return values;
    }

    private String raw(String field) {
        String value = ctx.formParam(field);
        if (value != null) {
            values.put(field, value.length() > ECHO_MAX ? value.substring(0, ECHO_MAX) + "…" : value);
        }
        return value;
    }

    /**
     * Control characters, and the invisible "format" characters (Unicode Cf: bidi overrides, zero-width spaces and
     * joiners, the BOM) that make a name look like another one; also lone surrogates and private-use characters.
     */
    static boolean hasTricks(String value, boolean multiline) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (multiline && (c == '\n' || c == '\r' || c == '\t')) {
                continue;
            }
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
                    || type == Character.UNASSIGNED) {
                return true;
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1));
                if (!paired) {
                    return true;
                }
                i++;
            }
        }
        return false;
    }
}
