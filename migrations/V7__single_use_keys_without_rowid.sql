-- Used login challenges and seen NIP-98 event ids are looked up only by their own text. Keyed by it alone (on SQLite
-- a WITHOUT ROWID table, ${without_rowid} expanding to nothing on PostgreSQL), each login writes two B-trees instead
-- of three. The rows are copied over: a challenge or event id used before the upgrade stays refused until it expires.
CREATE TABLE used_login_challenges (
    challenge    TEXT   NOT NULL PRIMARY KEY,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    consumed_at  BIGINT
) ${without_rowid};
INSERT INTO used_login_challenges (challenge, created_at, expires_at, consumed_at)
    SELECT challenge, created_at, expires_at, consumed_at FROM login_challenges;
DROP TABLE login_challenges;
ALTER TABLE used_login_challenges RENAME TO login_challenges;
CREATE INDEX login_challenges_expires_ix ON login_challenges (expires_at);

CREATE TABLE seen_nip98_events (
    event_id    TEXT   NOT NULL PRIMARY KEY,
    expires_at  BIGINT NOT NULL
) ${without_rowid};
INSERT INTO seen_nip98_events (event_id, expires_at) SELECT event_id, expires_at FROM seen_auth_events;
DROP TABLE seen_auth_events;
ALTER TABLE seen_nip98_events RENAME TO seen_auth_events;
CREATE INDEX seen_auth_events_expires_ix ON seen_auth_events (expires_at);
