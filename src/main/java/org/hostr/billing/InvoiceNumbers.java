package org.hostr.billing;

import static org.hostr.db.generated.Tables.INVOICE_COUNTERS;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Human invoice numbers, INV-2026-000123: one counter row per year, bumped inside the caller's transaction so a
 * rolled-back order (or batch of renewals) gives its numbers back and two invoices never share one.
 */
public final class InvoiceNumbers {

    private InvoiceNumbers() {
    }

    /** Claims the next number of {@code now}'s year (UTC). Must run inside the order's transaction. */
    public static String next(DSLContext tx, Instant now) {
        return claim(tx, now, 1).get(0);
    }

    /** Claims {@code count} consecutive numbers of {@code now}'s year (UTC) with one bump, for a batch of invoices. */
    static List<String> claim(DSLContext tx, Instant now, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("claim at least one invoice number, not " + count);
        }
        long year = now.atZone(ZoneOffset.UTC).getYear();
        // One statement upserts and bumps: the row lock it takes (PostgreSQL) or the write lock (SQLite) serialises
        // concurrent issuers, so the values read back below are ours until commit.
        tx.insertInto(INVOICE_COUNTERS)
                .set(INVOICE_COUNTERS.YEAR, year)
                .set(INVOICE_COUNTERS.LAST_SEQ, (long) count)
                .onConflict(INVOICE_COUNTERS.YEAR)
                .doUpdate()
                .set(INVOICE_COUNTERS.LAST_SEQ, INVOICE_COUNTERS.LAST_SEQ.plus(count))
                .execute();
        long last = tx.select(INVOICE_COUNTERS.LAST_SEQ).from(INVOICE_COUNTERS)
                .where(INVOICE_COUNTERS.YEAR.eq(year))
                .fetchSingle(INVOICE_COUNTERS.LAST_SEQ);
        List<String> numbers = new ArrayList<>(count);
        for (long seq = last - count + 1; seq <= last; seq++) {
            numbers.add(format(year, seq));
        }
        return numbers;
    }

    /** INV-2026-000123 (the sequence padded to six digits, longer once past 999,999). */
    static String format(long year, long seq) {
        String digits = Long.toString(seq);
        return "INV-" + year + "-" + "0".repeat(Math.max(0, 6 - digits.length())) + digits;
    }
}
