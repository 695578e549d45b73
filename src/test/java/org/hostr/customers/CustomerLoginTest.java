package org.hostr.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hostr.db.generated.Tables.AUDIT_LOG;
import static org.hostr.db.generated.Tables.CUSTOMERS;

import java.time.Duration;
import java.time.Instant;
import org.hostr.audit.AuditLog;
import org.hostr.billing.BillingFixture.TestClock;
import org.hostr.db.Database;
import org.hostr.testing.TestDatabases;
import org.hostr.testing.TestDatabases.Kind;
import org.hostr.web.ApiError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Logging in as a customer, on both engines: an active key takes one statement; new, deleted and banned ones their own path. */
class CustomerLoginTest {
    private static final String KEY = "a".repeat(64);
    private final TestClock clock = new TestClock(Instant.parse("2026-12-07T12:00:00Z"));

    private static Instant lastLogin(Database db, long id) {
        return db.dsl().select(CUSTOMERS.LAST_LOGIN_AT).from(CUSTOMERS).where(CUSTOMERS.ID.eq(id)).fetchOne(CUSTOMERS.LAST_LOGIN_AT);
    }

    private static int audited(Database db, String action) {
        return db.dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq(action));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aFirstLoginCreatesTheCustomerAndLaterOnesFindItAndRecordTheirTime(Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            CustomerService customers = new CustomerService(db, new AuditLog(db.dsl()), clock);

            Customer first = customers.logIn(KEY);
            assertThat(first.status()).isEqualTo(CustomerStatus.ACTIVE);
            assertThat(first.createdAt()).isEqualTo(clock.instant());
            assertThat(lastLogin(db, first.id())).isEqualTo(clock.instant());
            assertThat(audited(db, "customer.created")).isEqualTo(1);

            clock.advance(Duration.ofHours(3));
            Customer again = customers.logIn(KEY);
            assertThat(again).isEqualTo(first);
            assertThat(lastLogin(db, first.id())).isEqualTo(clock.instant());
            assertThat(audited(db, "customer.created")).isEqualTo(1);
            assertThat(db.dsl().fetchCount(CUSTOMERS)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aBannedKeyIsRefusedAndItsLastLoginStays(Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            CustomerService customers = new CustomerService(db, new AuditLog(db.dsl()), clock);
            long id = customers.logIn(KEY).id();
            Instant loggedIn = clock.instant();
            db.dsl().update(CUSTOMERS).set(CUSTOMERS.STATUS, CustomerStatus.BANNED.name()).where(CUSTOMERS.ID.eq(id)).execute();

            clock.advance(Duration.ofHours(1));
            assertThatThrownBy(() -> customers.logIn(KEY)).isInstanceOfSatisfying(ApiError.class,
                    e -> assertThat(e.status()).isEqualTo(403));
            assertThat(lastLogin(db, id)).isEqualTo(loggedIn);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aDeletedAccountComesBackWithinItsWindowAndANewOneStartsAfter(Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            CustomerService customers = new CustomerService(db, new AuditLog(db.dsl()), clock);
            long id = customers.logIn(KEY).id();
            customers.delete(id, KEY);

            clock.advance(Duration.ofDays(29));
            Customer restored = customers.logIn(KEY);
            assertThat(restored.id()).isEqualTo(id);
            assertThat(restored.status()).isEqualTo(CustomerStatus.ACTIVE);
            assertThat(lastLogin(db, id)).isEqualTo(clock.instant());
            assertThat(audited(db, "customer.restored")).isEqualTo(1);

            customers.delete(id, KEY);
            clock.advance(Duration.ofDays(31));
            Customer fresh = customers.logIn(KEY);
            assertThat(fresh.id()).isNotEqualTo(id);
            assertThat(fresh.status()).isEqualTo(CustomerStatus.ACTIVE);
            assertThat(lastLogin(db, fresh.id())).isEqualTo(clock.instant());
        }
    }
}
