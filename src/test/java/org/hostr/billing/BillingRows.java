package org.hostr.billing;

import static org.hostr.db.generated.Tables.CUSTOMERS;
import static org.hostr.db.generated.Tables.INVOICES;
import static org.hostr.db.generated.Tables.PLANS;
import static org.hostr.db.generated.Tables.SERVICES;

import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.hostr.db.Database;
import org.hostr.testing.TestDatabases;

/** A migrated database and rows inserted straight through jOOQ: customers with credit, a plan, services, invoices. */
final class BillingRows implements AutoCloseable {
    final Database db;
    final BillingFixture.TestClock clock = new BillingFixture.TestClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final AtomicInteger invoiceSeq = new AtomicInteger();
    private final AtomicInteger domainSeq = new AtomicInteger();

    BillingRows(TestDatabases.Kind kind) {
        this.db = TestDatabases.open(kind);
    }

    long customer(long creditMinor) {
        byte[] key = new byte[32];
        ThreadLocalRandom.current().nextBytes(key);
        return db.dsl().insertInto(CUSTOMERS)
                .set(CUSTOMERS.PUBKEY, HexFormat.of().formatHex(key))
                .set(CUSTOMERS.CREDIT_MINOR, creditMinor)
                .set(CUSTOMERS.CREATED_AT, clock.instant())
                .returning(CUSTOMERS.ID).fetchSingle(CUSTOMERS.ID);
    }

    long plan() {
        Instant now = clock.instant();
        return db.dsl().insertInto(PLANS)
                .set(PLANS.SLUG, "plan-" + domainSeq.incrementAndGet()).set(PLANS.NAME, "Basic")
                .set(PLANS.STORAGE_MB, 1000L).set(PLANS.BANDWIDTH_MB, 1000L).set(PLANS.WHM_PACKAGE, "hostr_basic")
                .set(PLANS.PRICE_MINOR, 500L).set(PLANS.CURRENCY, "USD").set(PLANS.PERIOD, "P1M")
                .set(PLANS.CREATED_AT, now).set(PLANS.UPDATED_AT, now)
                .returning(PLANS.ID).fetchSingle(PLANS.ID);
    }

    /** An UNPAID NEW invoice for a fresh PENDING service, priced with {@code promoCodeId} (or none if null). */
    long invoice(long customerId, Long promoCodeId) {
        Instant now = clock.instant();
        long planId = plan();
        long serviceId = db.dsl().insertInto(SERVICES)
                .set(SERVICES.CUSTOMER_ID, customerId).set(SERVICES.PLAN_ID, planId)
                .set(SERVICES.DOMAIN, "site" + domainSeq.incrementAndGet() + ".example")
                .set(SERVICES.STATUS, "PENDING").set(SERVICES.CREATED_AT, now).set(SERVICES.UPDATED_AT, now)
                .returning(SERVICES.ID).fetchSingle(SERVICES.ID);
        return db.dsl().insertInto(INVOICES)
                .set(INVOICES.NUMBER, "INV-TEST-" + invoiceSeq.incrementAndGet())
                .set(INVOICES.CUSTOMER_ID, customerId).set(INVOICES.SERVICE_ID, serviceId)
                .set(INVOICES.KIND, "NEW").set(INVOICES.STATUS, "UNPAID").set(INVOICES.PLAN_ID, planId)
                .set(INVOICES.SUBTOTAL_MINOR, 500L).set(INVOICES.DISCOUNT_MINOR, promoCodeId == null ? 0L : 100L)
                .set(INVOICES.TOTAL_MINOR, promoCodeId == null ? 500L : 400L).set(INVOICES.CURRENCY, "USD")
                .set(INVOICES.PROMO_CODE_ID, promoCodeId)
                .set(INVOICES.DUE_AT, now).set(INVOICES.CREATED_AT, now)
                .returning(INVOICES.ID).fetchSingle(INVOICES.ID);
    }

    /** What settlement hands its listeners for {@code invoiceId}. */
    PaidInvoice paid(long invoiceId) {
        var r = db.dsl().fetchSingle(INVOICES, INVOICES.ID.eq(invoiceId));
        return new PaidInvoice(r.getId(), r.getNumber(), r.getCustomerId(), r.getServiceId(), r.getKind(), r.getTotalMinor(),
                r.getCurrency(), clock.instant(), "PROVISIONING", r.getPromoCodeId());
    }

    long credit(long customerId) {
        return db.dsl().select(CUSTOMERS.CREDIT_MINOR).from(CUSTOMERS).where(CUSTOMERS.ID.eq(customerId)).fetchSingle().value1();
    }

    @Override
    public void close() {
        db.close();
    }
}
