package org.hostr.provisioning.whm;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads WHM's size strings. WHM writes limits as strings whose exact format is UNCONFIRMED ("unlimited",
 * "*unknown*", "14M", "1024", sometimes with a space or a "B"); a bare number is taken as MB.
 */
final class DiskSize {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)b?");

    private DiskSize() {
    }

    static OptionalLong megabytes(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        BigDecimal number = new BigDecimal(m.group(1));
        BigDecimal mb = switch (m.group(2)) {
            case "k" -> number.divide(BigDecimal.valueOf(1024), 0, RoundingMode.CEILING);
            case "g" -> number.multiply(BigDecimal.valueOf(1024));
            case "t" -> number.multiply(BigDecimal.valueOf(1024L * 1024));
            default -> number;
        };
        return OptionalLong.of(mb.setScale(0, RoundingMode.CEILING).longValueExact());
    }
}
