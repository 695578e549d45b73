package org.hostr.billing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one renewal sweep did, for the admin dashboard: when it ran, how many of each action it took (keys:
 * invoices_issued, reminders_queued, expiries_requested, terminations_requested, terminations_for_review,
 * orders_cancelled) and the errors it met (the sweep goes on past a failing service; the next run tries it again).
 */
public record SweepReport(Instant startedAt, Instant finishedAt, Map<String, Integer> counts, List<String> errors) {
    public static final String INVOICES_ISSUED = "invoices_issued";
    public static final String REMINDERS_QUEUED = "reminders_queued";
    public static final String EXPIRIES_REQUESTED = "expiries_requested";
    public static final String TERMINATIONS_REQUESTED = "terminations_requested";
    public static final String TERMINATIONS_FOR_REVIEW = "terminations_for_review";
    public static final String ORDERS_CANCELLED = "orders_cancelled";

    public SweepReport {
        counts = Map.copyOf(counts);
        errors = List.copyOf(errors);
    }

    /** One line for the admin dashboard: "2026-11-21 02:00 UTC: 3 invoices issued, 1 expired, …, no errors". */
    public String summary() {
        String at = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .format(startedAt.atZone(java.time.ZoneOffset.UTC));
        return at + ": " + count(INVOICES_ISSUED) + " invoices issued, " + count(REMINDERS_QUEUED) + " reminders, "
                + count(EXPIRIES_REQUESTED) + " expired, " + count(TERMINATIONS_REQUESTED) + " terminated, "
                + count(TERMINATIONS_FOR_REVIEW) + " for review, " + count(ORDERS_CANCELLED) + " orders cancelled, "
                + (errors.isEmpty() ? "no errors" : errors.size() + " error(s)");
    }

    public int count(String key) {
        return counts.getOrDefault(key, 0);
    }
}
