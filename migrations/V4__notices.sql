-- Notices: private Nostr messages (NIP-17) from the shop's key to customers and admins, through an outbox.
-- Portable SQL for SQLite and PostgreSQL; times are BIGINT epoch milliseconds.

-- One row per notice, written in the transaction of the business event it tells about (an invoice paid, a service
-- expired), so a notice exists exactly when its event committed. The idempotency key names the event
-- ("paid:INV-2026-000123"): one event gives one notice, however often its code runs.
--   status      QUEUED until a relay stores it (SENT), or FAILED after the last attempt, or SKIPPED with the reason
--               in last_error (switched off by the customer, no shop key, nowhere to send it);
--   wrap_json   the gift wrap (kind 1059) built at the first attempt; every retry publishes this same event, so a
--               relay that stored it before answers "duplicate" and the customer never reads the message twice;
--   relay_results  what each relay answered at the last attempt, one line.
CREATE TABLE notices (
    id                ${pk},
    idempotency_key   TEXT   NOT NULL,
    kind              TEXT   NOT NULL,
    customer_id       BIGINT REFERENCES customers (id),
    recipient_pubkey  TEXT   NOT NULL,
    subject           TEXT,
    text              TEXT   NOT NULL,
    status            TEXT   NOT NULL,
    wrap_id           TEXT,
    wrap_json         TEXT,
    attempts          BIGINT NOT NULL DEFAULT 0,
    last_error        TEXT,
    relay_results     TEXT,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    sent_at           BIGINT,
    CONSTRAINT notices_key_uk UNIQUE (idempotency_key),
    CONSTRAINT notices_status_ck CHECK (status IN ('QUEUED', 'SENT', 'FAILED', 'SKIPPED'))
);
CREATE INDEX notices_customer_ix ON notices (customer_id, created_at);
CREATE INDEX notices_status_ix ON notices (status, created_at);

-- The kinds of notice a customer switched on or off on the account page; no row means on.
CREATE TABLE notice_preferences (
    id           ${pk},
    customer_id  BIGINT  NOT NULL REFERENCES customers (id),
    kind         TEXT    NOT NULL,
    enabled      BOOLEAN NOT NULL,
    updated_at   BIGINT  NOT NULL,
    CONSTRAINT notice_preferences_uk UNIQUE (customer_id, kind)
);
