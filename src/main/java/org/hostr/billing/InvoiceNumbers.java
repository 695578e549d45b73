package org.hostr.billing;

import static org.hostr.db.generated.Tables.INVOICE_COUNTERS;

import java.time.Instant;
import java.time.ZoneOffset;
import org.jooq.DSLContext;

/**
 * Human invoice numbers, INV-2026-000123: one counter row per year, bumped inside the caller's transaction so a
 * rolled-back order gives its number back and two orders never share one.
 */
public final class InvoiceNumbers {

    private InvoiceNumbers() {
    }

    /** Claims the next number of {@code now}'s year (UTC). Must run inside the order's transaction. */
    public static String next(DSLContext tx, Instant now) {
        long year = now.atZone(ZoneOffset.UTC).getYear();
        // One statement upserts and bumps: the row lock it takes (PostgreSQL) or the write lock (SQLite) serialises
        // concurrent orders, so the value read back below is ours until commit.
        tx.insertInto(INVOICE_COUNTERS)
                .set(INVOICE_COUNTERS.YEAR, year)
                .set(INVOICE_COUNTERS.LAST_SEQ, 1L)
                .onConflict(INVOICE_COUNTERS.YEAR)
                .doUpdate()
                .set(INVOICE_COUNTERS.LAST_SEQ, INVOICE_COUNTERS.LAST_SEQ.plus(1))
                .execute();
        long seq = tx.select(INVOICE_COUNTERS.LAST_SEQ).from(INVOICE_COUNTERS)
                .where(INVOICE_COUNTERS.YEAR.eq(year))
                .fetchSingle(INVOICE_COUNTERS.LAST_SEQ);
        return format(year, seq);
    }

    static String format(long year, long seq) {
        return String.format("INV-%d-%06d", year, seq);
    }
}
