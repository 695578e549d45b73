-- Renewal sweep: its runs (for the admin dashboard), the guards that make each sweep action happen once, and admin
-- notes on services. Portable SQL for SQLite and PostgreSQL; times are BIGINT epoch milliseconds.

-- One row per sweep run: when it ran, what it did (counts as JSON text) and what went wrong.
CREATE TABLE sweep_runs (
    id           ${pk},
    started_at   BIGINT NOT NULL,
    finished_at  BIGINT,
    counts       TEXT   NOT NULL DEFAULT '{}',
    error_count  BIGINT NOT NULL DEFAULT 0,
    errors       TEXT   NOT NULL DEFAULT ''
);
CREATE INDEX sweep_runs_started_ix ON sweep_runs (started_at);

-- What the sweep (or a settlement) decided about one service for one reason, at most once:
--   EXPIRE, TERMINATE             ref = the unpaid due date (epoch ms): one WHM request per service and due date;
--   REVIEW_TERMINATE              ref = the unpaid due date: termination put before an admin (review_before_terminate);
--   PAYMENT_TO_REVIEW             ref = the invoice number: a payment kept on an admin-suspended or ended service.
-- Two sweeps at once both try the insert; the unique constraint lets one through.
-- Review items (REVIEW_TERMINATE, PAYMENT_TO_REVIEW) stay open until an admin resolves them.
CREATE TABLE billing_actions (
    id           ${pk},
    service_id   BIGINT NOT NULL REFERENCES services (id),
    action       TEXT   NOT NULL,
    ref          TEXT   NOT NULL,
    details      TEXT,
    created_at   BIGINT NOT NULL,
    resolved_at  BIGINT,
    resolved_by  TEXT,
    resolution   TEXT,
    CONSTRAINT billing_actions_uk UNIQUE (service_id, action, ref),
    CONSTRAINT billing_actions_action_ck CHECK (action IN
        ('EXPIRE', 'TERMINATE', 'REVIEW_TERMINATE', 'PAYMENT_TO_REVIEW'))
);
CREATE INDEX billing_actions_open_ix ON billing_actions (action, resolved_at);

-- Notes an admin leaves on a service (review queue).
CREATE TABLE service_notes (
    id          ${pk},
    service_id  BIGINT NOT NULL REFERENCES services (id),
    author      TEXT   NOT NULL,
    text        TEXT   NOT NULL,
    at          BIGINT NOT NULL
);
CREATE INDEX service_notes_service_ix ON service_notes (service_id, at);

-- Money given back to the customer's credit balance from a paid invoice; never more than its total.
ALTER TABLE invoices ADD COLUMN refunded_minor BIGINT NOT NULL DEFAULT 0;
