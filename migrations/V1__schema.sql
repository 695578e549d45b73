-- Hostr schema, one portable set for SQLite and PostgreSQL.
-- ${pk} expands to the engine's auto-increment primary key (see db/Database.java).
-- Times are BIGINT epoch milliseconds (UTC); money is BIGINT minor units beside a currency code.

CREATE TABLE customers (
    id                  ${pk},
    pubkey              TEXT    NOT NULL,
    status              TEXT    NOT NULL DEFAULT 'ACTIVE',
    name                TEXT,
    picture             TEXT,
    nip05               TEXT,
    nip05_verified_at   BIGINT,
    profile_fetched_at  BIGINT,
    credit_minor        BIGINT  NOT NULL DEFAULT 0,
    session_version     BIGINT  NOT NULL DEFAULT 0,
    created_at          BIGINT  NOT NULL,
    last_login_at       BIGINT,
    deleted_at          BIGINT,
    CONSTRAINT customers_pubkey_uk UNIQUE (pubkey),
    CONSTRAINT customers_status_ck CHECK (status IN ('ACTIVE', 'DELETED', 'BANNED')),
    CONSTRAINT customers_credit_ck CHECK (credit_minor >= 0)
);

CREATE TABLE login_challenges (
    id           ${pk},
    challenge    TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    consumed_at  BIGINT,
    CONSTRAINT login_challenges_challenge_uk UNIQUE (challenge)
);
CREATE INDEX login_challenges_expires_ix ON login_challenges (expires_at);

-- Ids of NIP-98 events already accepted, kept for the time window: the only single-use guard an API call has.
CREATE TABLE seen_auth_events (
    event_id    TEXT   NOT NULL PRIMARY KEY,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX seen_auth_events_expires_ix ON seen_auth_events (expires_at);

CREATE TABLE plans (
    id            ${pk},
    slug          TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    description   TEXT    NOT NULL DEFAULT '',
    storage_mb    BIGINT  NOT NULL,
    bandwidth_mb  BIGINT  NOT NULL,
    whm_package   TEXT    NOT NULL,
    price_minor   BIGINT  NOT NULL,
    setup_minor   BIGINT  NOT NULL DEFAULT 0,
    currency      TEXT    NOT NULL,
    period        TEXT    NOT NULL,
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    sort          BIGINT  NOT NULL DEFAULT 0,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL,
    CONSTRAINT plans_slug_uk UNIQUE (slug),
    CONSTRAINT plans_period_ck CHECK (period IN ('P1M', 'P3M', 'P6M', 'P1Y')),
    CONSTRAINT plans_price_ck CHECK (price_minor >= 0 AND setup_minor >= 0 AND storage_mb >= 0 AND bandwidth_mb >= 0)
);

CREATE TABLE servers (
    id               ${pk},
    name             TEXT    NOT NULL,
    whm_url          TEXT    NOT NULL,
    whm_user         TEXT    NOT NULL,
    whm_token_enc    TEXT    NOT NULL,
    tls_fingerprint  TEXT,
    max_accounts     BIGINT  NOT NULL DEFAULT 500,
    active           BOOLEAN NOT NULL DEFAULT TRUE,
    nameservers      TEXT    NOT NULL DEFAULT '',
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL,
    CONSTRAINT servers_name_uk UNIQUE (name)
);

CREATE TABLE services (
    id              ${pk},
    customer_id     BIGINT NOT NULL REFERENCES customers (id),
    plan_id         BIGINT NOT NULL REFERENCES plans (id),
    server_id       BIGINT REFERENCES servers (id),
    domain          TEXT   NOT NULL,
    username        TEXT,
    password_enc    TEXT,
    status          TEXT   NOT NULL,
    suspend_reason  TEXT,
    next_due_at     BIGINT,
    period_start    BIGINT,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    activated_at    BIGINT,
    terminated_at   BIGINT,
    CONSTRAINT services_status_ck CHECK (status IN
        ('PENDING', 'PROVISIONING', 'ACTIVE', 'EXPIRED', 'SUSPENDED', 'TERMINATED', 'CANCELLED'))
);
CREATE INDEX services_customer_ix ON services (customer_id);
CREATE INDEX services_status_due_ix ON services (status, next_due_at);
CREATE INDEX services_server_ix ON services (server_id);
-- A cPanel username is unique on its server; a live domain belongs to one service.
CREATE UNIQUE INDEX services_server_username_uk ON services (server_id, username) WHERE username IS NOT NULL;
CREATE UNIQUE INDEX services_live_domain_uk ON services (domain) WHERE status NOT IN ('TERMINATED', 'CANCELLED');

CREATE TABLE service_events (
    id          ${pk},
    service_id  BIGINT NOT NULL REFERENCES services (id),
    action      TEXT   NOT NULL,
    outcome     TEXT   NOT NULL,
    actor       TEXT   NOT NULL,
    details     TEXT,
    at          BIGINT NOT NULL
);
CREATE INDEX service_events_service_ix ON service_events (service_id, at);

CREATE TABLE promo_codes (
    id               ${pk},
    code             TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    percent_off      BIGINT,
    value_minor      BIGINT,
    currency         TEXT,
    valid_from       BIGINT,
    valid_until      BIGINT,
    max_uses         BIGINT,
    uses             BIGINT  NOT NULL DEFAULT 0,
    min_order_minor  BIGINT  NOT NULL DEFAULT 0,
    recurring        BOOLEAN NOT NULL DEFAULT FALSE,
    active           BOOLEAN NOT NULL DEFAULT TRUE,
    created_at       BIGINT  NOT NULL,
    CONSTRAINT promo_codes_code_uk UNIQUE (code),
    CONSTRAINT promo_codes_kind_ck CHECK (kind IN ('PERCENT', 'FIXED')),
    CONSTRAINT promo_codes_uses_ck CHECK (max_uses IS NULL OR uses <= max_uses)
);

-- Human invoice numbers (INV-2026-000123) come from one counter row per year, bumped inside the order transaction.
CREATE TABLE invoice_counters (
    year      BIGINT NOT NULL PRIMARY KEY,
    last_seq  BIGINT NOT NULL
);

CREATE TABLE invoices (
    id                    ${pk},
    number                TEXT   NOT NULL,
    customer_id           BIGINT NOT NULL REFERENCES customers (id),
    service_id            BIGINT NOT NULL REFERENCES services (id),
    kind                  TEXT   NOT NULL,
    status                TEXT   NOT NULL,
    plan_id               BIGINT REFERENCES plans (id),
    subtotal_minor        BIGINT NOT NULL,
    discount_minor        BIGINT NOT NULL DEFAULT 0,
    credit_applied_minor  BIGINT NOT NULL DEFAULT 0,
    total_minor           BIGINT NOT NULL,
    currency              TEXT   NOT NULL,
    promo_code_id         BIGINT REFERENCES promo_codes (id),
    period_from           BIGINT,
    period_to             BIGINT,
    due_at                BIGINT NOT NULL,
    created_at            BIGINT NOT NULL,
    paid_at               BIGINT,
    cancelled_at          BIGINT,
    CONSTRAINT invoices_number_uk UNIQUE (number),
    CONSTRAINT invoices_kind_ck CHECK (kind IN ('NEW', 'RENEWAL', 'UPGRADE')),
    CONSTRAINT invoices_status_ck CHECK (status IN ('UNPAID', 'PAID', 'CANCELLED')),
    CONSTRAINT invoices_amounts_ck CHECK (subtotal_minor >= 0 AND discount_minor >= 0
        AND credit_applied_minor >= 0 AND total_minor >= 0)
);
CREATE INDEX invoices_customer_ix ON invoices (customer_id, created_at);
CREATE INDEX invoices_service_ix ON invoices (service_id);
CREATE INDEX invoices_status_due_ix ON invoices (status, due_at);
-- Never two renewal invoices for one service period: a constraint, not a check in code.
CREATE UNIQUE INDEX invoices_renewal_period_uk ON invoices (service_id, period_from) WHERE kind = 'RENEWAL';

CREATE TABLE payments (
    id                   ${pk},
    invoice_id           BIGINT NOT NULL REFERENCES invoices (id),
    provider             TEXT   NOT NULL,
    provider_invoice_id  TEXT,
    state                TEXT   NOT NULL,
    bolt11               TEXT,
    quote_id             TEXT,
    quote_expires_at     BIGINT,
    amount_sats          BIGINT,
    rate                 TEXT,
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL,
    paid_at              BIGINT,
    CONSTRAINT payments_invoice_provider_uk UNIQUE (invoice_id, provider),
    CONSTRAINT payments_provider_invoice_uk UNIQUE (provider, provider_invoice_id),
    CONSTRAINT payments_state_ck CHECK (state IN ('CREATING', 'UNPAID', 'PENDING', 'PAID', 'CANCELLED'))
);
CREATE INDEX payments_state_ix ON payments (state);

CREATE TABLE webhook_events (
    id            ${pk},
    provider      TEXT   NOT NULL,
    event_id      TEXT   NOT NULL,
    type          TEXT   NOT NULL,
    entity_id     TEXT,
    received_at   BIGINT NOT NULL,
    processed_at  BIGINT,
    CONSTRAINT webhook_events_event_uk UNIQUE (provider, event_id)
);

CREATE TABLE jobs (
    id               ${pk},
    kind             TEXT   NOT NULL,
    payload          TEXT   NOT NULL DEFAULT '{}',
    idempotency_key  TEXT   NOT NULL,
    status           TEXT   NOT NULL,
    attempts         BIGINT NOT NULL DEFAULT 0,
    max_attempts     BIGINT NOT NULL DEFAULT 10,
    run_at           BIGINT NOT NULL,
    locked_by        TEXT,
    locked_until     BIGINT,
    last_error       TEXT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    finished_at      BIGINT,
    CONSTRAINT jobs_idempotency_uk UNIQUE (idempotency_key),
    CONSTRAINT jobs_status_ck CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'DEAD', 'CANCELLED'))
);
CREATE INDEX jobs_claim_ix ON jobs (status, run_at);

CREATE TABLE audit_log (
    id       ${pk},
    actor    TEXT   NOT NULL,
    action   TEXT   NOT NULL,
    subject  TEXT,
    details  TEXT,
    at       BIGINT NOT NULL
);
CREATE INDEX audit_log_at_ix ON audit_log (at);
CREATE INDEX audit_log_subject_ix ON audit_log (subject);
