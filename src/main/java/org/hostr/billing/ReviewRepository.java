package org.hostr.billing;

import static org.hostr.billing.SweepTables.*;
import static org.hostr.db.generated.Tables.SERVICES;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The review queue's reads (three queries, whatever its length) and the admins' notes. */
final class ReviewRepository {
    private static final int LIMIT = 500;

    List<ReviewItem> queue(DSLContext db) {
        var openItem = DSL.selectOne().from(BILLING_ACTIONS).where(ACTION_SERVICE_ID.eq(SERVICES.ID),
                ACTION.in(REVIEW_TERMINATE, PAYMENT_TO_REVIEW), ACTION_RESOLVED_AT.isNull());
        var services = db.select(SERVICES.ID, SERVICES.CUSTOMER_ID, SERVICES.DOMAIN, SERVICES.STATUS,
                        SERVICES.SUSPEND_REASON, SERVICES.NEXT_DUE_AT)
                .from(SERVICES)
                .where(SERVICES.STATUS.eq("SUSPENDED").orExists(openItem))
                .orderBy(SERVICES.ID).limit(LIMIT).fetch();
        List<Long> ids = services.map(r -> r.value1());
        Map<Long, List<ReviewItem.Open>> open = db.select(ACTION_SERVICE_ID, ACTION, ACTION_REF, ACTION_DETAILS, ACTION_CREATED_AT)
                .from(BILLING_ACTIONS)
                .where(ACTION_SERVICE_ID.in(ids), ACTION.in(REVIEW_TERMINATE, PAYMENT_TO_REVIEW), ACTION_RESOLVED_AT.isNull())
                .orderBy(ACTION_ID).fetch().stream()
                .collect(Collectors.groupingBy(r -> r.value1(), Collectors.mapping(r -> new ReviewItem.Open(r.value2(),
                        r.value3(), r.value4(), Instant.ofEpochMilli(r.value5())), Collectors.toList())));
        Map<Long, List<ReviewItem.Note>> notes = notes(db, ids);
        return services.map(r -> new ReviewItem(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                open.getOrDefault(r.value1(), List.of()), notes.getOrDefault(r.value1(), List.of())));
    }

    private Map<Long, List<ReviewItem.Note>> notes(DSLContext db, List<Long> serviceIds) {
        return db.select(NOTE_SERVICE_ID, NOTE_AUTHOR, NOTE_TEXT, NOTE_AT).from(SERVICE_NOTES)
                .where(NOTE_SERVICE_ID.in(serviceIds)).orderBy(NOTE_AT).fetch().stream()
                .collect(Collectors.groupingBy(r -> r.value1(), Collectors.mapping(r -> new ReviewItem.Note(r.value2(),
                        r.value3(), Instant.ofEpochMilli(r.value4())), Collectors.toList())));
    }

    void addNote(DSLContext tx, long serviceId, String author, String text, Instant now) {
        tx.insertInto(SERVICE_NOTES).set(NOTE_SERVICE_ID, serviceId).set(NOTE_AUTHOR, author).set(NOTE_TEXT, text)
                .set(NOTE_AT, now.toEpochMilli()).execute();
    }
}
