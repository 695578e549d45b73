package org.hostr.auth;

import static org.hostr.db.generated.Tables.LOGIN_CHALLENGES;
import static org.hostr.db.generated.Tables.SEEN_AUTH_EVENTS;

import java.time.Instant;
import org.jooq.DSLContext;

/** Login challenges and the ids of NIP-98 events already used: the two single-use guards of authentication. */
final class LoginChallengeRepository {
    private final DSLContext db;

    LoginChallengeRepository(DSLContext db) {
        this.db = db;
    }

    void insert(DSLContext tx, String challenge, Instant now, Instant expiresAt) {
        tx.insertInto(LOGIN_CHALLENGES)
                .set(LOGIN_CHALLENGES.CHALLENGE, challenge)
                .set(LOGIN_CHALLENGES.CREATED_AT, now)
                .set(LOGIN_CHALLENGES.EXPIRES_AT, expiresAt)
                .execute();
    }

    /** What a challenge is now, without touching it. */
    ChallengeState state(String challenge, Instant now) {
        var row = db.select(LOGIN_CHALLENGES.EXPIRES_AT, LOGIN_CHALLENGES.CONSUMED_AT).from(LOGIN_CHALLENGES)
                .where(LOGIN_CHALLENGES.CHALLENGE.eq(challenge)).fetchOne();
        if (row == null || !row.value1().isAfter(now)) {
            return ChallengeState.UNKNOWN;
        }
        return row.value2() == null ? ChallengeState.LIVE : ChallengeState.CONSUMED;
    }

    /** Consumes a live challenge; exactly one of several racing callers gets true. */
    boolean consume(DSLContext tx, String challenge, Instant now) {
        return tx.update(LOGIN_CHALLENGES)
                .set(LOGIN_CHALLENGES.CONSUMED_AT, now)
                .where(LOGIN_CHALLENGES.CHALLENGE.eq(challenge)
                        .and(LOGIN_CHALLENGES.CONSUMED_AT.isNull())
                        .and(LOGIN_CHALLENGES.EXPIRES_AT.gt(now)))
                .execute() == 1;
    }

    /** Records a NIP-98 event id; false when it was seen before (a replay). */
    boolean markSeen(DSLContext tx, String eventId, Instant expiresAt) {
        return tx.insertInto(SEEN_AUTH_EVENTS)
                .set(SEEN_AUTH_EVENTS.EVENT_ID, eventId)
                .set(SEEN_AUTH_EVENTS.EXPIRES_AT, expiresAt)
                .onConflict(SEEN_AUTH_EVENTS.EVENT_ID).doNothing()
                .execute() == 1;
    }

    int deleteExpired(DSLContext tx, Instant before) {
        return tx.deleteFrom(LOGIN_CHALLENGES).where(LOGIN_CHALLENGES.EXPIRES_AT.lt(before)).execute()
                + tx.deleteFrom(SEEN_AUTH_EVENTS).where(SEEN_AUTH_EVENTS.EXPIRES_AT.lt(before)).execute();
    }

    enum ChallengeState { UNKNOWN, LIVE, CONSUMED }
}
