package org.hostr.notify;

import static org.hostr.db.RenderedQuery.param;
import static org.hostr.db.RenderedQuery.stored;
import static org.hostr.db.generated.Tables.NOTICES;
import static org.hostr.db.generated.Tables.NOTICE_PREFERENCES;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.hostr.db.RenderedQuery;
import org.hostr.db.generated.tables.records.NoticesRecord;
import org.jooq.DSLContext;

/** The only code that touches the notices and notice_preferences tables. */
final class NoticeRepository {
    // Rendered once (see RenderedQuery): every settlement queues a notice.
    private static final RenderedQuery INSERT = RenderedQuery.of(d -> d.insertInto(NOTICES)
            .set(NOTICES.IDEMPOTENCY_KEY, param(NOTICES.IDEMPOTENCY_KEY))
            .set(NOTICES.KIND, param(NOTICES.KIND))
            .set(NOTICES.CUSTOMER_ID, param(NOTICES.CUSTOMER_ID))
            .set(NOTICES.RECIPIENT_PUBKEY, param(NOTICES.RECIPIENT_PUBKEY))
            .set(NOTICES.SUBJECT, param(NOTICES.SUBJECT))
            .set(NOTICES.TEXT, param(NOTICES.TEXT))
            .set(NOTICES.STATUS, param(NOTICES.STATUS))
            .set(NOTICES.LAST_ERROR, param(NOTICES.LAST_ERROR))
            .set(NOTICES.ATTEMPTS, param(NOTICES.ATTEMPTS))
            .set(NOTICES.CREATED_AT, param(NOTICES.CREATED_AT))
            .set(NOTICES.UPDATED_AT, param(NOTICES.UPDATED_AT))
            .onConflict(NOTICES.IDEMPOTENCY_KEY).doNothing());
    private static final RenderedQuery ID_BY_KEY = RenderedQuery.of(d -> d.select(NOTICES.ID).from(NOTICES)
            .where(NOTICES.IDEMPOTENCY_KEY.eq(param(NOTICES.IDEMPOTENCY_KEY))));
    /** relay_results and last_error hold what relays said; a hostile relay must not fill the database. */
    static final int MAX_RESULT_CHARS = 2000;

    /**
     * Inserts the notice unless its idempotency key exists.
     *
     * @return the new notice's id, or empty when the key was there already
     */
    Optional<Long> insertIfAbsent(DSLContext tx, NoticeDraft draft, Long customerId, String recipient,
                                  NoticeStatus status, String reason, Instant now) {
        int inserted = INSERT.execute(tx, draft.idempotencyKey(), draft.kind().key(), stored(NOTICES.CUSTOMER_ID, customerId),
                stored(NOTICES.RECIPIENT_PUBKEY, recipient), stored(NOTICES.SUBJECT, draft.subject()), draft.text(),
                status.name(), stored(NOTICES.LAST_ERROR, reason), 0L, stored(NOTICES.CREATED_AT, now),
                stored(NOTICES.UPDATED_AT, now));
        if (inserted == 0) {
            return Optional.empty();
        }
        // Not RETURNING: on SQLite jOOQ reads the id through last_insert_rowid(), which a skipped insert leaves stale.
        return Optional.of(ID_BY_KEY.fetchValue(tx, NOTICES.ID, draft.idempotencyKey()).orElseThrow());
    }

    Optional<Notice> find(DSLContext db, long id) {
        return db.selectFrom(NOTICES).where(NOTICES.ID.eq(id)).fetchOptional(NoticeRepository::toNotice);
    }

    Optional<Notice> byKey(DSLContext db, String idempotencyKey) {
        return db.selectFrom(NOTICES).where(NOTICES.IDEMPOTENCY_KEY.eq(idempotencyKey))
                .fetchOptional(NoticeRepository::toNotice);
    }

    /** Newest first; {@code status} null for all. */
    List<Notice> list(DSLContext db, NoticeStatus status, int limit) {
        var where = status == null ? NOTICES.ID.isNotNull() : NOTICES.STATUS.eq(status.name());
        return db.selectFrom(NOTICES).where(where).orderBy(NOTICES.ID.desc()).limit(limit)
                .fetch(NoticeRepository::toNotice);
    }

    /** Keeps the first wrap built: false when another attempt stored one first (the caller then uses that one). */
    boolean storeWrap(DSLContext db, long id, String wrapId, String wrapJson, Instant now) {
        return db.update(NOTICES).set(NOTICES.WRAP_ID, wrapId).set(NOTICES.WRAP_JSON, wrapJson)
                .set(NOTICES.UPDATED_AT, now)
                .where(NOTICES.ID.eq(id), NOTICES.WRAP_JSON.isNull()).execute() == 1;
    }

    boolean sent(DSLContext db, long id, String relayResults, Instant now) {
        return db.update(NOTICES).set(NOTICES.STATUS, NoticeStatus.SENT.name())
                .set(NOTICES.ATTEMPTS, NOTICES.ATTEMPTS.plus(1))
                .set(NOTICES.RELAY_RESULTS, cut(relayResults)).set(NOTICES.LAST_ERROR, (String) null)
                .set(NOTICES.SENT_AT, now).set(NOTICES.UPDATED_AT, now)
                .where(NOTICES.ID.eq(id), NOTICES.STATUS.eq(NoticeStatus.QUEUED.name())).execute() == 1;
    }

    /** An attempt reached no relay: counted, and the notice stays QUEUED or, after the last one, is FAILED. */
    void attemptFailed(DSLContext db, long id, NoticeStatus next, String error, String relayResults, Instant now) {
        db.update(NOTICES).set(NOTICES.STATUS, next.name())
                .set(NOTICES.ATTEMPTS, NOTICES.ATTEMPTS.plus(1))
                .set(NOTICES.LAST_ERROR, cut(error)).set(NOTICES.RELAY_RESULTS, cut(relayResults))
                .set(NOTICES.UPDATED_AT, now)
                .where(NOTICES.ID.eq(id), NOTICES.STATUS.in(NoticeStatus.QUEUED.name(), NoticeStatus.FAILED.name()))
                .execute();
    }

    void skip(DSLContext db, long id, String reason, Instant now) {
        db.update(NOTICES).set(NOTICES.STATUS, NoticeStatus.SKIPPED.name()).set(NOTICES.LAST_ERROR, cut(reason))
                .set(NOTICES.UPDATED_AT, now)
                .where(NOTICES.ID.eq(id), NOTICES.STATUS.in(NoticeStatus.QUEUED.name(), NoticeStatus.FAILED.name()))
                .execute();
    }

    /** An admin retried the DEAD job of a FAILED notice: it is QUEUED again. */
    void requeue(DSLContext db, long id, Instant now) {
        db.update(NOTICES).set(NOTICES.STATUS, NoticeStatus.QUEUED.name()).set(NOTICES.UPDATED_AT, now)
                .where(NOTICES.ID.eq(id), NOTICES.STATUS.eq(NoticeStatus.FAILED.name())).execute();
    }

    Set<NoticeKind> switchedOff(DSLContext db, long customerId) {
        Set<NoticeKind> off = EnumSet.noneOf(NoticeKind.class);
        db.select(NOTICE_PREFERENCES.KIND).from(NOTICE_PREFERENCES)
                .where(NOTICE_PREFERENCES.CUSTOMER_ID.eq(customerId), NOTICE_PREFERENCES.ENABLED.isFalse())
                .fetch(NOTICE_PREFERENCES.KIND)
                .forEach(key -> NoticeKind.customerKind(key).ifPresent(off::add));
        return off;
    }

    void setEnabled(DSLContext tx, long customerId, NoticeKind kind, boolean enabled, Instant now) {
        tx.insertInto(NOTICE_PREFERENCES)
                .set(NOTICE_PREFERENCES.CUSTOMER_ID, customerId)
                .set(NOTICE_PREFERENCES.KIND, kind.key())
                .set(NOTICE_PREFERENCES.ENABLED, enabled)
                .set(NOTICE_PREFERENCES.UPDATED_AT, now)
                .onConflict(NOTICE_PREFERENCES.CUSTOMER_ID, NOTICE_PREFERENCES.KIND).doUpdate()
                .set(NOTICE_PREFERENCES.ENABLED, enabled)
                .set(NOTICE_PREFERENCES.UPDATED_AT, now)
                .execute();
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_RESULT_CHARS ? text : text.substring(0, MAX_RESULT_CHARS - 1) + "…";
    }

    private static Notice toNotice(NoticesRecord r) {
        return new Notice(r.getId(), r.getIdempotencyKey(), NoticeKind.valueOf(r.getKind().toUpperCase(Locale.ROOT)),
                r.getCustomerId(), r.getRecipientPubkey(), r.getSubject(), r.getText(), NoticeStatus.valueOf(r.getStatus()),
                r.getWrapId(), r.getWrapJson(), r.getAttempts().intValue(), r.getLastError(), r.getRelayResults(),
                r.getCreatedAt(), r.getSentAt());
    }
}
