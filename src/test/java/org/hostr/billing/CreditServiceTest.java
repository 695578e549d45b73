package org.hostr.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hostr.db.generated.Tables.AUDIT_LOG;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hostr.audit.AuditLog;
import org.hostr.testing.TestDatabases.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CreditServiceTest {

    private static CreditService credits(BillingRows rows) {
        return new CreditService(new AuditLog(rows.db.dsl()), rows.clock);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void creditCoversPartOfALargerInvoice(Kind kind) {
        try (BillingRows rows = new BillingRows(kind)) {
            long customer = rows.customer(300);

            long applied = rows.db.transaction(tx -> credits(rows).applyCredit(tx, customer, 500));

            assertThat(applied).isEqualTo(300);
            assertThat(rows.credit(customer)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void creditCoversASmallerInvoiceAndTheRestStays(Kind kind) {
        try (BillingRows rows = new BillingRows(kind)) {
            long customer = rows.customer(1_000);

            long applied = rows.db.transaction(tx -> credits(rows).applyCredit(tx, customer, 600));

            assertThat(applied).isEqualTo(600);
            assertThat(rows.credit(customer)).isEqualTo(400);
            assertThat(rows.db.dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("credit.applied"))).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void noCreditAppliesNothing(Kind kind) {
        try (BillingRows rows = new BillingRows(kind)) {
            long broke = rows.customer(0);
            long flush = rows.customer(50);

            long fromBroke = rows.db.transaction(tx -> credits(rows).applyCredit(tx, broke, 600));
            long onFreeInvoice = rows.db.transaction(tx -> credits(rows).applyCredit(tx, flush, 0));

            assertThat(fromBroke).isZero();
            assertThat(onFreeInvoice).isZero();
            assertThat(rows.credit(flush)).isEqualTo(50);
            assertThat(rows.db.dsl().fetchCount(AUDIT_LOG)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void creditAppliedInARolledBackTransactionIsKept(Kind kind) {
        try (BillingRows rows = new BillingRows(kind)) {
            long customer = rows.customer(500);

            assertThatThrownBy(() -> rows.db.transactionRun(tx -> {
                credits(rows).applyCredit(tx, customer, 500);
                throw new IllegalStateException("the invoice insert failed");
            })).isInstanceOf(IllegalStateException.class);

            assertThat(rows.credit(customer)).isEqualTo(500);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void refundAddsToTheBalanceWithItsReason(Kind kind) {
        try (BillingRows rows = new BillingRows(kind)) {
            long customer = rows.customer(100);

            rows.db.transactionRun(tx -> credits(rows).refundToBalance(tx, customer, 250, "downgrade pro → basic"));

            assertThat(rows.credit(customer)).isEqualTo(350);
            assertThat(rows.db.dsl().fetchSingle(AUDIT_LOG, AUDIT_LOG.ACTION.eq("credit.refunded")).getDetails())
                    .contains("250", "downgrade pro → basic");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void refundMustBePositiveWithAReasonForAnExistingCustomer(Kind kind) {
        try (BillingRows rows = new BillingRows(kind)) {
            long customer = rows.customer(0);
            CreditService service = credits(rows);

            assertThatThrownBy(() -> rows.db.transactionRun(tx -> service.refundToBalance(tx, customer, 0, "x")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> rows.db.transactionRun(tx -> service.refundToBalance(tx, customer, 10, " ")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> rows.db.transactionRun(tx -> service.refundToBalance(tx, customer + 99, 10, "x")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(rows.credit(customer)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void concurrentInvoicesNeverSpendMoreThanTheBalance(Kind kind) throws Exception {
        try (BillingRows rows = new BillingRows(kind)) {
            long customer = rows.customer(1_000);
            CreditService service = credits(rows);
            int threads = 10;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Long>> results = new ArrayList<>();
            try {
                for (int i = 0; i < threads; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return rows.db.transaction(tx -> service.applyCredit(tx, customer, 300));
                    }));
                }
                start.countDown();
                long total = 0;
                for (Future<Long> result : results) {
                    long applied = result.get(30, TimeUnit.SECONDS);
                    assertThat(applied).isBetween(0L, 300L);
                    total += applied;
                }

                assertThat(total).isEqualTo(1_000);
                assertThat(rows.credit(customer)).isZero();
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
