package org.hostr.auth;

import static org.hostr.db.generated.Tables.LOGIN_CHALLENGES;
import static org.hostr.db.generated.Tables.SEEN_AUTH_EVENTS;

import java.time.Instant;
import org.jooq.DSLContext;

/** Used login challenges and the ids of NIP-98 events already used: the two single-use guards of authentication. */
final class LoginChallengeRepository {
    /**
     * Stores a used challenge; exactly one of several racing callers gets true, and a challenge stored before
     * (used already) gives false.
     */
    boolean consume(DSLContext tx, String challenge, Instant issuedAt, Instant expiresAt, Instant now) {
        return tx.insertInto(LOGIN_CHALLENGES)
                .set(LOGIN_CHALLENGES.CHALLENGE, challenge)
                .set(LOGIN_CHALLENGES.CREATED_AT, issuedAt)
                .set(LOGIN_CHALLENGES.EXPIRES_AT, expiresAt)
                .set(LOGIN_CHALLENGES.CONSUMED_AT, now)
                .onConflict(LOGIN_CHALLENGES.CHALLENGE).doNothing()
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
}
