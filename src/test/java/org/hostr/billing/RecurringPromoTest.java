package org.hostr.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hostr.db.generated.Tables.PROMO_CODES;

import java.time.Duration;
import java.time.Instant;
import org.assertj.core.groups.Tuple;
import org.hostr.db.generated.tables.records.InvoicesRecord;
import org.hostr.testing.TestDatabases.Kind;
import org.junit.jupiter.api.Test;

/** Promo codes on renewals: a recurring code keeps discounting until valid_until; uses count orders only. */
class RecurringPromoTest {
    private static final Duration DAY = Duration.ofDays(1);

    /** An order of "basic" ($5.00) with {@code code}, paid and provisioned. @return the service id */
    private static long orderedWith(RenewalFixture f, String code, long expectedTotal) {
        PlacedOrder order = f.orders.placeOrder(f.newCustomer(), "basic", code.toLowerCase() + ".example", null, code);
        assertThat(order.totalMinor()).isEqualTo(expectedTotal);
        f.pay(order.invoiceNumber());
        f.runJobs();
        return order.serviceId();
    }

    /** Lives {@code days} days a day at a time, sweeping and paying every open invoice. */
    private static void liveAndPay(RenewalFixture f, long serviceId, int days) {
        for (int day = 0; day < days; day++) {
            f.clock.advance(DAY);
            f.sweepAndRunJobs();
            f.unpaidInvoice(serviceId).ifPresent(invoice -> f.pay(invoice.getNumber()));
            f.runJobs();
        }
    }

    private static long uses(RenewalFixture f, long promoId) {
        return f.db.dsl().select(PROMO_CODES.USES).from(PROMO_CODES).where(PROMO_CODES.ID.eq(promoId))
                .fetchSingle(PROMO_CODES.USES);
    }

    @Test
    void recurringCodeDiscountsRenewalsOfPeriodsStartingBeforeValidUntil() {
        try (RenewalFixture f = new RenewalFixture(Kind.SQLITE)) {
            // Ordered 2026-01-31: periods start 02-28 (discounted) and 03-28 (after valid_until).
            PromoCode promo = f.promos.create(NewPromoCode.percent("LOYAL", 20).asRecurring()
                    .validBetween(null, Instant.parse("2026-03-15T00:00:00Z")));
            long id = orderedWith(f, "LOYAL", 400);

            liveAndPay(f, id, 60);

            assertThat(f.renewals(id)).extracting(InvoicesRecord::getSubtotalMinor, InvoicesRecord::getDiscountMinor,
                    InvoicesRecord::getTotalMinor, InvoicesRecord::getPromoCodeId).containsExactly(
                    Tuple.tuple(500L, 100L, 400L, promo.id()),
                    Tuple.tuple(500L, 0L, 500L, null));
            assertThat(uses(f, promo.id())).isEqualTo(1);
        }
    }

    @Test
    void usedUpRecurringCodeKeepsDiscountingTheOrderThatGotIt() {
        try (RenewalFixture f = new RenewalFixture(Kind.SQLITE)) {
            PromoCode promo = f.promos.create(NewPromoCode.fixed("LASTONE", 150, "USD").asRecurring().withMaxUses(1L));
            long id = orderedWith(f, "LASTONE", 350);
            assertThat(uses(f, promo.id())).isEqualTo(1);

            liveAndPay(f, id, 60);

            assertThat(f.renewals(id)).hasSize(2).allSatisfy(renewal -> {
                assertThat(renewal.getStatus()).isEqualTo("PAID");
                assertThat(renewal.getDiscountMinor()).isEqualTo(150);
                assertThat(renewal.getTotalMinor()).isEqualTo(350);
            });
            assertThat(uses(f, promo.id())).isEqualTo(1);
        }
    }

    @Test
    void firstPeriodOnlyCodeLeavesRenewalsAtFullPrice() {
        try (RenewalFixture f = new RenewalFixture(Kind.SQLITE)) {
            f.promos.create(NewPromoCode.percent("WELCOME", 20));
            long id = orderedWith(f, "WELCOME", 400);

            liveAndPay(f, id, 30);

            assertThat(f.renewals(id)).singleElement().satisfies(renewal -> {
                assertThat(renewal.getDiscountMinor()).isZero();
                assertThat(renewal.getTotalMinor()).isEqualTo(500);
                assertThat(renewal.getPromoCodeId()).isNull();
            });
        }
    }

    @Test
    void withdrawnCodeStopsDiscountingTheNextRenewal() {
        try (RenewalFixture f = new RenewalFixture(Kind.SQLITE)) {
            PromoCode promo = f.promos.create(NewPromoCode.percent("LOYAL", 20).asRecurring());
            long id = orderedWith(f, "LOYAL", 400);

            f.promos.deactivate(promo.id());
            liveAndPay(f, id, 30);

            assertThat(f.renewals(id)).singleElement().satisfies(r -> assertThat(r.getTotalMinor()).isEqualTo(500));
        }
    }

    @Test
    void recurringCodeAndCreditTogetherPriceTheRenewalExactly() {
        try (RenewalFixture f = new RenewalFixture(Kind.SQLITE)) {
            f.promos.create(NewPromoCode.fixed("THREE", 300, "USD").asRecurring());
            long id = orderedWith(f, "THREE", 200);
            f.giveCredit(f.service(id).getCustomerId(), 150);

            liveAndPay(f, id, 25);

            assertThat(f.renewals(id)).singleElement().satisfies(renewal -> {
                assertThat(renewal.getSubtotalMinor()).isEqualTo(500);
                assertThat(renewal.getDiscountMinor()).isEqualTo(300);
                assertThat(renewal.getCreditAppliedMinor()).isEqualTo(150);
                assertThat(renewal.getTotalMinor()).isEqualTo(50);
            });
        }
    }
}
