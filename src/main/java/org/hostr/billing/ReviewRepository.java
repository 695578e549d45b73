package org.hostr.billing;

import static org.hostr.db.generated.Tables.BILLING_ACTIONS;
import static org.hostr.db.generated.Tables.SERVICE_NOTES;
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

    private static final List<String> OPEN_ITEMS = List.of(BillingAction.REVIEW_TERMINATE.name(),
            BillingAction.PAYMENT_TO_REVIEW.name());

    List<ReviewItem> queue(DSLContext db) {
        var openItem = DSL.selectOne().from(BILLING_ACTIONS).where(BILLING_ACTIONS.SERVICE_ID.eq(SERVICES.ID),
                BILLING_ACTIONS.ACTION.in(OPEN_ITEMS), BILLING_ACTIONS.RESOLVED_AT.isNull());
        var services = db.select(SERVICES.ID, SERVICES.CUSTOMER_ID, SERVICES.DOMAIN, SERVICES.STATUS,
                        SERVICES.SUSPEND_REASON, SERVICES.NEXT_DUE_AT)
                .from(SERVICES)
                .where(SERVICES.STATUS.eq("SUSPENDED").orExists(openItem))
                .orderBy(SERVICES.ID).limit(LIMIT).fetch();
        List<Long> ids = services.map(r -> r.value1());
        Map<Long, List<ReviewItem.Open>> open = db.select(BILLING_ACTIONS.SERVICE_ID, BILLING_ACTIONS.ACTION,
                        BILLING_ACTIONS.REF, BILLING_ACTIONS.DETAILS, BILLING_ACTIONS.CREATED_AT)
                .from(BILLING_ACTIONS)
                .where(BILLING_ACTIONS.SERVICE_ID.in(ids), BILLING_ACTIONS.ACTION.in(OPEN_ITEMS),
                        BILLING_ACTIONS.RESOLVED_AT.isNull())
                .orderBy(BILLING_ACTIONS.ID).fetch().stream()
                .collect(Collectors.groupingBy(r -> r.value1(), Collectors.mapping(r -> new ReviewItem.Open(r.value2(),
                        r.value3(), r.value4(), r.value5()), Collectors.toList())));
        Map<Long, List<ReviewItem.Note>> notes = notes(db, ids);
        return services.map(r -> new ReviewItem(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                open.getOrDefault(r.value1(), List.of()), notes.getOrDefault(r.value1(), List.of())));
    }

    private Map<Long, List<ReviewItem.Note>> notes(DSLContext db, List<Long> serviceIds) {
        return db.select(SERVICE_NOTES.SERVICE_ID, SERVICE_NOTES.AUTHOR, SERVICE_NOTES.TEXT, SERVICE_NOTES.AT)
                .from(SERVICE_NOTES)
                .where(SERVICE_NOTES.SERVICE_ID.in(serviceIds)).orderBy(SERVICE_NOTES.AT).fetch().stream()
                .collect(Collectors.groupingBy(r -> r.value1(), Collectors.mapping(r -> new ReviewItem.Note(r.value2(),
                        r.value3(), r.value4()), Collectors.toList())));
    }

    void addNote(DSLContext tx, long serviceId, String author, String text, Instant now) {
        tx.insertInto(SERVICE_NOTES).set(SERVICE_NOTES.SERVICE_ID, serviceId).set(SERVICE_NOTES.AUTHOR, author)
                .set(SERVICE_NOTES.TEXT, text).set(SERVICE_NOTES.AT, now).execute();
    }
}
