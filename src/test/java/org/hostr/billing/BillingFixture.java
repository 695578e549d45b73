package org.hostr.billing;

import static org.hostr.db.generated.Tables.CUSTOMERS;
import static org.hostr.db.generated.Tables.PLANS;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.hostr.audit.AuditLog;
import org.hostr.catalog.CatalogService;
import org.hostr.db.Database;
import org.hostr.testing.TestDatabases;

/** A migrated database with one plan ("basic": $5.00 a month + $1.00 setup), customers on demand, and a clock to move. */
public final class BillingFixture implements AutoCloseable {
    public final Database db;
    public final TestClock clock = new TestClock(Instant.parse("2026-01-31T10:00:00Z"));
    public final CatalogService catalog;
    public final AuditLog audit;
    public final OrderService orders;
    public final InvoiceService invoices;
    /** Invoices that credit or a discount paid as they were issued (no settlement listeners here but this one). */
    public final List<PaidInvoice> paidByCredit = new CopyOnWriteArrayList<>();

    public BillingFixture(TestDatabases.Kind kind) {
        this.db = TestDatabases.open(kind);
        Instant now = clock.instant();
        db.dsl().insertInto(PLANS)
                .set(PLANS.SLUG, "basic").set(PLANS.NAME, "Basic").set(PLANS.STORAGE_MB, 10_000L).set(PLANS.BANDWIDTH_MB, 100_000L)
                .set(PLANS.WHM_PACKAGE, "hostr_basic").set(PLANS.PRICE_MINOR, 500L).set(PLANS.SETUP_MINOR, 100L)
                .set(PLANS.CURRENCY, "USD").set(PLANS.PERIOD, "P1M").set(PLANS.CREATED_AT, now).set(PLANS.UPDATED_AT, now)
                .execute();
        this.catalog = new CatalogService(db, clock);
        this.audit = new AuditLog(db.dsl());
        this.orders = new OrderService(db, catalog, audit, clock, new PromoCodeService(db, clock), new CreditService(audit, clock),
                (tx, paid) -> paidByCredit.add(paid));
        this.invoices = new InvoiceService(db);
    }

    public long newCustomer() {
        byte[] key = new byte[32];
        ThreadLocalRandom.current().nextBytes(key);
        return db.dsl().insertInto(CUSTOMERS)
                .set(CUSTOMERS.PUBKEY, HexFormat.of().formatHex(key))
                .set(CUSTOMERS.CREATED_AT, clock.instant())
                .returning(CUSTOMERS.ID).fetchSingle(CUSTOMERS.ID);
    }

    @Override
    public void close() {
        db.close();
    }

    /** A clock tests move by hand. */
    public static final class TestClock extends Clock {
        private volatile Instant now;

        public TestClock(Instant start) {
            this.now = start;
        }

        public void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
