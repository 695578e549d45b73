package org.hostr.admin;

import static org.hostr.db.generated.Tables.BILLING_ACTIONS;
import static org.hostr.db.generated.Tables.SERVICE_NOTES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.hostr.admin.ReviewQueries.NoteRow;
import org.hostr.admin.ReviewQueries.OpenItem;
import org.hostr.db.Database;
import org.hostr.testing.TestDatabases;
import org.hostr.testing.TestDatabases.Kind;
import org.jooq.ExecuteListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The review queue's reads on both engines: who waits for an admin, and their items and notes in one query each. */
class ReviewQueriesTest {
    static final Instant NOW = Instant.parse("2026-11-15T12:00:00Z");
    static final AdminSeed.Fleet FLEET = new AdminSeed.Fleet(1, 5, 4, List.of(1L, 2L), List.of(1L, 2L), NOW);

    private final AtomicInteger statements = new AtomicInteger();
    private Database db;

    @AfterEach
    void close() {
        db.close();
    }

    /** 20 services: 3 and 13 SUSPENDED with a kept payment and a note; 1 ACTIVE with a termination to decide; 2 resolved. */
    private ReviewQueries seeded(Kind kind) {
        db = TestDatabases.open(kind);
        db.transactionRun(tx -> {
            AdminSeed.plansAndServers(tx, NOW);
            AdminSeed.bulk(tx, FLEET, NOW);
            AdminSeed.reviewsJobsAndAudit(tx, FLEET, NOW);
            tx.insertInto(BILLING_ACTIONS, BILLING_ACTIONS.SERVICE_ID, BILLING_ACTIONS.ACTION, BILLING_ACTIONS.REF,
                            BILLING_ACTIONS.CREATED_AT, BILLING_ACTIONS.RESOLVED_AT)
                    .values(1L, "REVIEW_TERMINATE", Long.toString(NOW.toEpochMilli()), NOW, null)
                    .values(2L, "PAYMENT_TO_REVIEW", "INV-2", NOW, NOW)
                    .values(4L, "EXPIRE", "123", NOW, null)
                    .execute();
            tx.insertInto(SERVICE_NOTES, SERVICE_NOTES.SERVICE_ID, SERVICE_NOTES.AUTHOR, SERVICE_NOTES.TEXT, SERVICE_NOTES.AT)
                    .values(13L, "npub1admin", "second", NOW.plusSeconds(60)).execute();
        });
        db.addExecuteListener(ExecuteListener.onExecuteStart(ctx -> statements.incrementAndGet()));
        return new ReviewQueries(db.dsl(), new AdminQueries(db.dsl()));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theQueueHoldsSuspendedServicesAndThoseWithAnOpenItem(Kind kind) {
        ReviewQueries reviews = seeded(kind);

        List<Long> queued = reviews.queue(1).rows().stream().map(AdminRows.ServiceRow::id).toList();

        assertEquals(List.of(13L, 3L, 1L), queued, "newest first; 2's item is resolved and 4's EXPIRE is no review item");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void openItemsComeWithTheKeptPaymentsInvoiceInOneStatement(Kind kind) {
        ReviewQueries reviews = seeded(kind);
        statements.set(0);

        Map<Long, List<OpenItem>> items = reviews.openItemsOf(List.of(1L, 2L, 3L, 4L, 13L));

        assertEquals(1, statements.get());
        assertEquals(List.of(1L, 3L, 13L), items.keySet().stream().sorted().toList());
        OpenItem kept = items.get(3L).get(0);
        assertTrue(kept.keptPayment());
        assertEquals("INV-3", kept.invoiceNumber());
        assertEquals("$5.00", kept.amount());
        OpenItem termination = items.get(1L).get(0);
        assertNull(termination.invoiceNumber());
        assertEquals("2026-11-15", termination.unpaidSince());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void notesAreReadOldestFirstForTheWholePageInOneStatement(Kind kind) {
        ReviewQueries reviews = seeded(kind);
        statements.set(0);

        Map<Long, List<NoteRow>> notes = reviews.notesOf(List.of(3L, 13L, 23L));

        assertEquals(1, statements.get());
        assertEquals(List.of("customer called about service 13", "second"), notes.get(13L).stream().map(NoteRow::text).toList());
        assertEquals(2, notes.size());
        assertTrue(reviews.notesOf(List.of()).isEmpty());
    }
}
