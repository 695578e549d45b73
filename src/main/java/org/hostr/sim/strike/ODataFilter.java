package org.hostr.sim.strike;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The slice of OData {@code $filter} the simulator understands: clauses {@code property op value} joined by
 * {@code and} and {@code or}, {@code and} binding tighter as OData has it (so the filter is an {@code or} of
 * {@code and}-groups); ops eq, ne, gt, ge, lt, le; values 'quoted' (a doubled '' is one quote) or bare (dates,
 * true/false). Parentheses and functions are refused with 400 rather than guessed at.
 */
record ODataFilter(List<List<Clause>> groups) {
    private static final Set<String> OPS = Set.of("eq", "ne", "gt", "ge", "lt", "le");

    record Clause(String property, String op, String value) {
    }

    static ODataFilter parse(String filter, Set<String> properties) {
        if (filter == null || filter.isBlank()) {
            return new ODataFilter(List.of());
        }
        List<String> tokens = tokens(filter);
        List<List<Clause>> groups = new ArrayList<>();
        List<Clause> group = new ArrayList<>();
        int i = 0;
        while (true) {
            if (i + 3 > tokens.size()) {
                throw SimError.badQuery("$filter is incomplete: " + filter);
            }
            String property = tokens.get(i);
            String op = tokens.get(i + 1).toLowerCase(Locale.ROOT);
            if (property.startsWith("(")) {
                throw SimError.badQuery("$filter: the simulator does not take parentheses: " + filter);
            }
            if (!properties.contains(property)) {
                throw SimError.badQuery("$filter on '" + property + "' is not supported; use one of " + properties);
            }
            if (!OPS.contains(op)) {
                throw SimError.badQuery("$filter operator '" + op + "' is not supported");
            }
            group.add(new Clause(property, op, tokens.get(i + 2)));
            i += 3;
            if (i == tokens.size()) {
                groups.add(List.copyOf(group));
                return new ODataFilter(List.copyOf(groups));
            }
            String join = tokens.get(i).toLowerCase(Locale.ROOT);
            if (join.equals("or")) {
                groups.add(List.copyOf(group));
                group = new ArrayList<>();
            } else if (!join.equals("and")) {
                throw SimError.badQuery("$filter: clauses are joined by 'and' or 'or', found '" + tokens.get(i) + "'");
            }
            i++;
        }
    }

    /**
     * The values of a filter that is nothing but {@code property eq 'a' or property eq 'b' …} (how a client asks for
     * several invoices by id), so the simulator can look them up instead of scanning; empty for any other filter.
     */
    Optional<Set<String>> onlyEquals(String property) {
        if (groups.isEmpty()) {
            return Optional.empty();
        }
        Set<String> values = new LinkedHashSet<>();
        for (List<Clause> group : groups) {
            if (group.size() != 1 || !group.get(0).property().equals(property) || !group.get(0).op().equals("eq")) {
                return Optional.empty();
            }
            values.add(group.get(0).value());
        }
        return Optional.of(values);
    }

    /** @param property value of a property of the candidate: a String, Instant, Boolean or null */
    boolean matches(Function<String, Object> property) {
        return groups.isEmpty() || groups.stream().anyMatch(group -> group.stream()
                .allMatch(c -> holds(c, property.apply(c.property()))));
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
