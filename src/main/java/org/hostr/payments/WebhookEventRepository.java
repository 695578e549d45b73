package org.hostr.payments;

import static org.hostr.db.RenderedQuery.param;
import static org.hostr.db.RenderedQuery.stored;
import static org.hostr.db.generated.Tables.WEBHOOK_EVENTS;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hostr.db.RenderedQuery;
import org.hostr.payments.strike.StrikeWebhookEvent;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** The only code that touches webhook_events: each provider event stored once, marked when acted on. */
public final class WebhookEventRepository {
    // Rendered once (see RenderedQuery): each webhook stores its event, each settlement marks them processed.
    private static final RenderedQuery STORE = RenderedQuery.of(d -> d.insertInto(WEBHOOK_EVENTS)
            .set(WEBHOOK_EVENTS.PROVIDER, param(WEBHOOK_EVENTS.PROVIDER))
            .set(WEBHOOK_EVENTS.EVENT_ID, param(WEBHOOK_EVENTS.EVENT_ID))
            .set(WEBHOOK_EVENTS.TYPE, param(WEBHOOK_EVENTS.TYPE))
            .set(WEBHOOK_EVENTS.ENTITY_ID, param(WEBHOOK_EVENTS.ENTITY_ID))
            .set(WEBHOOK_EVENTS.RECEIVED_AT, param(WEBHOOK_EVENTS.RECEIVED_AT))
            .onConflict(WEBHOOK_EVENTS.PROVIDER, WEBHOOK_EVENTS.EVENT_ID)
            .doNothing());
    private static final RenderedQuery MARK_PROCESSED = RenderedQuery.of(d -> d.update(WEBHOOK_EVENTS)
            .set(WEBHOOK_EVENTS.PROCESSED_AT, param(WEBHOOK_EVENTS.PROCESSED_AT))
            .where(WEBHOOK_EVENTS.PROVIDER.eq(param(WEBHOOK_EVENTS.PROVIDER))
                    .and(WEBHOOK_EVENTS.ENTITY_ID.eq(param(WEBHOOK_EVENTS.ENTITY_ID)))
                    .and(WEBHOOK_EVENTS.PROCESSED_AT.isNull())
                    .and(WEBHOOK_EVENTS.RECEIVED_AT.le(param(WEBHOOK_EVENTS.RECEIVED_AT)))));

    static final int NEWEST_ROWS = 64;

    private final DSLContext db;

    public WebhookEventRepository(DSLContext db) {
        this.db = db;
    }

    /** True if this event id is new; a retried or duplicated delivery finds it stored and changes nothing. */
    public boolean store(StrikeWebhookEvent event, Instant receivedAt) {
        return store(db, event, receivedAt);
    }

    /** As {@link #store(StrikeWebhookEvent, Instant)}, in the caller's transaction. */
    public boolean store(DSLContext tx, StrikeWebhookEvent event, Instant receivedAt) {
        return STORE.execute(tx, PaymentRepository.STRIKE, event.id(), event.eventType(),
                stored(WEBHOOK_EVENTS.ENTITY_ID, event.entityId()),
                stored(WEBHOOK_EVENTS.RECEIVED_AT, receivedAt)) == 1;
    }

    public boolean processed(String eventId) {
        return processed(db, eventId);
    }

    public boolean processed(DSLContext tx, String eventId) {
        return tx.fetchExists(WEBHOOK_EVENTS, WEBHOOK_EVENTS.PROVIDER.eq(PaymentRepository.STRIKE)
                .and(WEBHOOK_EVENTS.EVENT_ID.eq(eventId)).and(WEBHOOK_EVENTS.PROCESSED_AT.isNotNull()));
    }

    /** Marks the events about this entity that arrived before {@code settleStartedAt}: that settlement saw their change. */
    public int markProcessed(DSLContext tx, String entityId, Instant settleStartedAt, Instant now) {
        return MARK_PROCESSED.execute(tx, stored(WEBHOOK_EVENTS.PROCESSED_AT, now), PaymentRepository.STRIKE, entityId,
                stored(WEBHOOK_EVENTS.RECEIVED_AT, settleStartedAt));
    }

    /**
     * When the newest stored event arrived, if any: where a catch-up from Strike's event list starts. Read from the
     * newest rows by id, through the primary key: ids follow arrival, and where instances' clocks differ a little the
     * latest arrival among the last {@value #NEWEST_ROWS} rows is the newest (the catch-up starts ten minutes before it).
     */
    public Optional<Instant> lastReceivedAt() {
        Table<?> newest = db.select(WEBHOOK_EVENTS.RECEIVED_AT).from(WEBHOOK_EVENTS)
                .where(WEBHOOK_EVENTS.PROVIDER.eq(PaymentRepository.STRIKE))
                .orderBy(WEBHOOK_EVENTS.ID.desc()).limit(NEWEST_ROWS).asTable("newest");
        Field<Instant> latest = DSL.max(newest.field(WEBHOOK_EVENTS.RECEIVED_AT));
        return Optional.ofNullable(db.select(latest).from(newest).fetchOne(latest));
    }

    /** The entity ids of stored events, newest first (for tests and the admin's view of what Strike told us). */
    public List<String> entityIds() {
        return db.select(WEBHOOK_EVENTS.ENTITY_ID).from(WEBHOOK_EVENTS).orderBy(WEBHOOK_EVENTS.ID.desc())
                .fetch(WEBHOOK_EVENTS.ENTITY_ID);
    }

    public int count() {
        return db.fetchCount(WEBHOOK_EVENTS);
    }
}
