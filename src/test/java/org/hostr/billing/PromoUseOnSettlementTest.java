package org.hostr.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hostr.db.generated.Tables.PROMO_CODES;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hostr.testing.TestDatabases.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PromoUseOnSettlementTest {

    private static long uses(BillingRows rows, long promoId) {
        return rows.db.dsl().select(PROMO_CODES.USES).from(PROMO_CODES).where(PROMO_CODES.ID.eq(promoId)).fetchSingle().value1();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void settledInvoiceCountsItsPromoUse(Kind kind) {
        try (BillingRows rows = new BillingRows(kind)) {
            PromoCodeService promos = new PromoCodeService(rows.db, rows.clock);
            PromoCode promo = promos.create(NewPromoCode.percent("SPRING", 20));
            long invoice = rows.invoice(rows.customer(0), promo.id());
            PromoUseOnSettlement listener = new PromoUseOnSettlement(promos);

            rows.db.transactionRun(tx -> listener.invoicePaid(tx, rows.paid(invoice)));

            assertThat(uses(rows, promo.id())).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void invoiceWithoutPromoCountsNothing(Kind kind) {
        try (BillingRows rows = new BillingRows(kind)) {
            PromoCodeService promos = new PromoCodeService(rows.db, rows.clock);
            PromoCode promo = promos.create(NewPromoCode.percent("SPRING", 20));
            long invoice = rows.invoice(rows.customer(0), null);

            rows.db.transactionRun(tx -> new PromoUseOnSettlement(promos).invoicePaid(tx, rows.paid(invoice)));

            assertThat(uses(rows, promo.id())).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void paymentStillSettlesWhenTheCodeWasUsedUpMeanwhile(Kind kind) {
        try (BillingRows rows = new BillingRows(kind)) {
            PromoCodeService promos = new PromoCodeService(rows.db, rows.clock);
            PromoCode promo = promos.create(NewPromoCode.percent("LAST", 20).withMaxUses(1L));
            long customer = rows.customer(0);
            long first = rows.invoice(customer, promo.id());
            long second = rows.invoice(customer, promo.id()); // both ordered while one use was left
            PromoUseOnSettlement listener = new PromoUseOnSettlement(promos);
            rows.db.transactionRun(tx -> listener.invoicePaid(tx, rows.paid(first)));

            rows.db.transactionRun(tx -> listener.invoicePaid(tx, rows.paid(second))); // does not throw: settlement commits

            assertThat(uses(rows, promo.id())).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void rolledBackSettlementDoesNotCountTheUse(Kind kind) {
        try (BillingRows rows = new BillingRows(kind)) {
            PromoCodeService promos = new PromoCodeService(rows.db, rows.clock);
            PromoCode promo = promos.create(NewPromoCode.percent("SPRING", 20));
            long invoice = rows.invoice(rows.customer(0), promo.id());

            try {
                rows.db.transactionRun(tx -> {
                    new PromoUseOnSettlement(promos).invoicePaid(tx, rows.paid(invoice));
                    throw new IllegalStateException("a later listener failed");
                });
            } catch (IllegalStateException expected) {
                // the settlement is retried later
            }

            assertThat(uses(rows, promo.id())).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void lastUseUnderTenConcurrentSettlementsIsCountedOnce(Kind kind) throws Exception {
        try (BillingRows rows = new BillingRows(kind)) {
            PromoCodeService promos = new PromoCodeService(rows.db, rows.clock);
            PromoCode promo = promos.create(NewPromoCode.percent("ONCE", 50).withMaxUses(1L));
            int threads = 10;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            try {
                for (int i = 0; i < threads; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return rows.db.transaction(tx -> promos.countUse(tx, promo.id()));
                    }));
                }
                start.countDown();
                int counted = 0;
                for (Future<Boolean> result : results) {
                    counted += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }

                assertThat(counted).isEqualTo(1);
                assertThat(uses(rows, promo.id())).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
