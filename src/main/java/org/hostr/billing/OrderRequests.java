package org.hostr.billing;

import static org.hostr.db.generated.Tables.ORDER_REQUESTS;

import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/** Idempotency keys of POST /api/v1/orders: one row per (customer, key), pointing at the service the order made. */
final class OrderRequests {

    Optional<Long> serviceFor(DSLContext db, long customerId, String key) {
        return db.select(ORDER_REQUESTS.SERVICE_ID).from(ORDER_REQUESTS)
                .where(ORDER_REQUESTS.CUSTOMER_ID.eq(customerId).and(ORDER_REQUESTS.IDEMPOTENCY_KEY.eq(key)))
                .fetchOptional(ORDER_REQUESTS.SERVICE_ID);
    }

    void insert(DSLContext tx, long customerId, String key, long serviceId, Instant now) {
        tx.insertInto(ORDER_REQUESTS)
                .set(ORDER_REQUESTS.CUSTOMER_ID, customerId)
                .set(ORDER_REQUESTS.IDEMPOTENCY_KEY, key)
                .set(ORDER_REQUESTS.SERVICE_ID, serviceId)
                .set(ORDER_REQUESTS.CREATED_AT, now)
                .execute();
    }
}
