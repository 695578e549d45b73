package org.hostr.auth;

import static org.hostr.db.RenderedQuery.param;
import static org.hostr.db.RenderedQuery.stored;
import static org.hostr.db.generated.Tables.LOGIN_CHALLENGES;
import static org.hostr.db.generated.Tables.SEEN_AUTH_EVENTS;

import java.time.Instant;
import org.hostr.db.RenderedQuery;
import org.jooq.DSLContext;

/** Used login challenges and the ids of NIP-98 events already used: the two single-use guards of authentication. */
final class LoginChallengeRepository {
    // Rendered once (see RenderedQuery): one of the three statements of every login.
    private static final RenderedQuery CONSUME = RenderedQuery.of(d -> d.insertInto(LOGIN_CHALLENGES)
            .set(LOGIN_CHALLENGES.CHALLENGE, param(LOGIN_CHALLENGES.CHALLENGE))
            .set(LOGIN_CHALLENGES.CREATED_AT, param(LOGIN_CHALLENGES.CREATED_AT))
            .set(LOGIN_CHALLENGES.EXPIRES_AT, param(LOGIN_CHALLENGES.EXPIRES_AT))
            .set(LOGIN_CHALLENGES.CONSUMED_AT, param(LOGIN_CHALLENGES.CONSUMED_AT))
            .onConflict(LOGIN_CHALLENGES.CHALLENGE).doNothing());
    private static final RenderedQuery MARK_SEEN = RenderedQuery.of(d -> d.insertInto(SEEN_AUTH_EVENTS)
            .set(SEEN_AUTH_EVENTS.EVENT_ID, param(SEEN_AUTH_EVENTS.EVENT_ID))
            .set(SEEN_AUTH_EVENTS.EXPIRES_AT, param(SEEN_AUTH_EVENTS.EXPIRES_AT))
            .onConflict(SEEN_AUTH_EVENTS.EVENT_ID).doNothing());

    /**
     * Stores a used challenge; exactly one of several racing callers gets true, and a challenge stored before
     * (used already) gives false.
     */
    boolean consume(DSLContext tx, String challenge, Instant issuedAt, Instant expiresAt, Instant now) {
        return CONSUME.execute(tx, challenge, stored(LOGIN_CHALLENGES.CREATED_AT, issuedAt),
                stored(LOGIN_CHALLENGES.EXPIRES_AT, expiresAt), stored(LOGIN_CHALLENGES.CONSUMED_AT, now)) == 1;
    }

    /** Records a NIP-98 event id; false when it was seen before (a replay). */
    boolean markSeen(DSLContext tx, String eventId, Instant expiresAt) {
        return MARK_SEEN.execute(tx, eventId, stored(SEEN_AUTH_EVENTS.EXPIRES_AT, expiresAt)) == 1;
    }

    /** Forgets used challenges that expired before {@code before}: a range of the key, which starts with the expiry. */
    int deleteExpired(DSLContext tx, Instant before) {
        return tx.deleteFrom(LOGIN_CHALLENGES).where(LOGIN_CHALLENGES.CHALLENGE.lt(ChallengeSeal.sortsBefore(before))).execute()
                + tx.deleteFrom(SEEN_AUTH_EVENTS).where(SEEN_AUTH_EVENTS.EXPIRES_AT.lt(before)).execute();
    }
}
