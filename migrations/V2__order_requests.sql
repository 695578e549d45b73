-- Idempotency keys of POST /api/v1/orders: a retried order returns the first result.
CREATE TABLE order_requests (
    id               ${pk},
    customer_id      BIGINT NOT NULL REFERENCES customers (id),
    idempotency_key  TEXT   NOT NULL,
    service_id       BIGINT NOT NULL REFERENCES services (id),
    created_at       BIGINT NOT NULL,
    CONSTRAINT order_requests_key_uk UNIQUE (customer_id, idempotency_key)
);
