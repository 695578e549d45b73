package org.hostr.sim.strike;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The slice of OData {@code $filter} the simulator understands: clauses {@code property op value} joined by
 * {@code and}; ops eq, ne, gt, ge, lt, le; values 'quoted' (a doubled '' is one quote) or bare (dates, true/false).
 * Strike also supports {@code or}; the simulator refuses it with 400 rather than guess.
 */
record ODataFilter(List<Clause> clauses) {
    private static final Set<String> OPS = Set.of("eq", "ne", "gt", "ge", "lt", "le");

    record Clause(String property, String op, String value) {
    }

    static ODataFilter parse(String filter, Set<String> properties) {
        if (filter == null || filter.isBlank()) {
            return new ODataFilter(List.of());
        }
        List<String> tokens = tokens(filter);
        List<Clause> clauses = new ArrayList<>();
        int i = 0;
        while (true) {
            if (i + 3 > tokens.size()) {
                throw SimError.badQuery("$filter is incomplete: " + filter);
            }
            String property = tokens.get(i);
            String op = tokens.get(i + 1).toLowerCase(Locale.ROOT);
            if (!properties.contains(property)) {
                throw SimError.badQuery("$filter on '" + property + "' is not supported; use one of " + properties);
            }
            if (!OPS.contains(op)) {
                throw SimError.badQuery("$filter operator '" + op + "' is not supported");
            }
            clauses.add(new Clause(property, op, tokens.get(i + 2)));
            i += 3;
            if (i == tokens.size()) {
                return new ODataFilter(List.copyOf(clauses));
            }
            if (!tokens.get(i).equalsIgnoreCase("and")) {
                throw SimError.badQuery("$filter: only 'and' joins clauses in the simulator, found '" + tokens.get(i) + "'");
            }
            i++;
        }
    }

    /** @param property value of a property of the candidate: a String, Instant, Boolean or null */
    boolean matches(Function<String, Object> property) {
        return clauses.stream().allMatch(c -> holds(c, property.apply(c.property())));
    }

    private static boolean holds(Clause c, Object actual) {
        if (actual == null) {
            return c.op().equals("ne") != c.value().equals("null");
        }
        int cmp;
        if (actual instanceof Instant instant) {
            cmp = instant.compareTo(instant(c.value()));
        } else if (actual instanceof Boolean flag) {
            cmp = flag.compareTo(Boolean.parseBoolean(c.value()));
        } else {
            cmp = actual.toString().compareTo(c.value());
        }
        return switch (c.op()) {
            case "eq" -> cmp == 0;
            case "ne" -> cmp != 0;
            case "gt" -> cmp > 0;
            case "ge" -> cmp >= 0;
            case "lt" -> cmp < 0;
            default -> cmp <= 0;
        };
    }

    private static Instant instant(String text) {
        try {
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parse(text);
            return t.isSupported(ChronoField.OFFSET_SECONDS) ? Instant.from(t) : LocalDateTime.from(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw SimError.badQuery("$filter: '" + text + "' is not an ISO-8601 date-time");
        }
    }

    private static List<String> tokens(String filter) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < filter.length()) {
            char ch = filter.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (ch == '\'') {
                StringBuilder value = new StringBuilder();
                i++;
                while (true) {
                    if (i >= filter.length()) {
                        throw SimError.badQuery("$filter has an unterminated string: " + filter);
                    }
                    if (filter.charAt(i) == '\'') {
                        if (i + 1 < filter.length() && filter.charAt(i + 1) == '\'') {
                            value.append('\'');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    value.append(filter.charAt(i++));
                }
                tokens.add(value.toString());
            } else {
                int start = i;
                while (i < filter.length() && !Character.isWhitespace(filter.charAt(i))) {
                    i++;
                }
                tokens.add(filter.substring(start, i));
            }
        }
        return tokens;
    }
}
