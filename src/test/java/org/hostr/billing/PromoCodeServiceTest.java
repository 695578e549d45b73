package org.hostr.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.hostr.testing.TestDatabases.Kind;
import org.hostr.web.ApiError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PromoCodeServiceTest {

    private static void refused(ThrowingCallable call, int status, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiError.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.status()).isEqualTo(status);
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void percentCodeRoundsHalfUpToMinorUnits(Kind kind) {
        try (BillingRows rows = new BillingRows(kind)) {
            PromoCodeService promos = new PromoCodeService(rows.db, rows.clock);
            PromoCode promo = promos.create(NewPromoCode.percent("spring-25", 25));

            Discount discount = promos.check(" Spring-25 ", 1_250, "USD", rows.clock.instant(), true);

            // 1250 × 25% = 312.5 → 313
            assertThat(discount).isEqualTo(new Discount(promo.id(), "SPRING-25", 313, "USD"));
            assertThat(promos.check("SPRING-25", 1_249, "EUR", rows.clock.instant(), true).discountMinor()).isEqualTo(312);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void hundredPercentCodeMakesTheOrderFree(Kind kind) {
        try (BillingRows rows = new BillingRows(kind)) {
            PromoCodeService promos = new PromoCodeService(rows.db, rows.clock);
            promos.create(NewPromoCode.percent("FREE", 100));

            assertThat(promos.check("FREE", 599, "USD", rows.clock.instant(), true).discountMinor()).isEqualTo(599);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void fixedCodeIsCappedAtTheSubtotal(Kind kind) {
        try (BillingRows rows = new BillingRows(kind)) {
            PromoCodeService promos = new PromoCodeService(rows.db, rows.clock);
            promos.create(NewPromoCode.fixed("TENOFF", 1_000, "usd"));

            assertThat(promos.check("TENOFF", 2_500, "USD", rows.clock.instant(), true).discountMinor()).isEqualTo(1_000);
            assertThat(promos.check("TENOFF", 600, "USD", rows.clock.instant(), true).discountMinor()).isEqualTo(600);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void fixedCodeNeedsTheOrderCurrency(Kind kind) {
        try (BillingRows rows = new BillingRows(kind)) {
            PromoCodeService promos = new PromoCodeService(rows.db, rows.clock);
            promos.create(NewPromoCode.fixed("TENOFF", 1_000, "USD"));

            refused(() -> promos.check("TENOFF", 2_500, "EUR", rows.clock.instant(), true), 422, "promo_currency_mismatch");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void unknownCodeIsRefused(Kind kind) {
        try (BillingRows rows = new BillingRows(kind)) {
            PromoCodeService promos = new PromoCodeService(rows.db, rows.clock);

            refused(() -> promos.check("NOPE", 500, "USD", rows.clock.instant(), true), 422, "unknown_promo");
            refused(() -> promos.check("bad code!", 500, "USD", rows.clock.instant(), true), 422, "unknown_promo");
            refused(() -> promos.check(null, 500, "USD", rows.clock.instant(), true), 422, "unknown_promo");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void codeIsValidFromItsStartUntilJustBeforeItsEnd(Kind kind) {
        try (BillingRows rows = new BillingRows(kind)) {
            PromoCodeService promos = new PromoCodeService(rows.db, rows.clock);
            Instant from = Instant.parse("2026-04-01T00:00:00Z");
            Instant until = Instant.parse("2026-05-01T00:00:00Z");
            promos.create(NewPromoCode.percent("APRIL", 10).validBetween(from, until));

            refused(() -> promos.check("APRIL", 500, "USD", from.minusMillis(1), true), 422, "promo_not_started");
            assertThat(promos.check("APRIL", 500, "USD", from, true).discountMinor()).isEqualTo(50);
            assertThat(promos.check("APRIL", 500, "USD", until.minusMillis(1), true).discountMinor()).isEqualTo(50);
            refused(() -> promos.check("APRIL", 500, "USD", until, true), 422, "promo_expired");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void usedUpCodeIsRefused(Kind kind) {
        try (BillingRows rows = new BillingRows(kind)) {
            PromoCodeService promos = new PromoCodeService(rows.db, rows.clock);
            PromoCode promo = promos.create(NewPromoCode.percent("ONCE", 10).withMaxUses(1L));
            rows.db.transactionRun(tx -> promos.countUse(tx, promo.id()));

            refused(() -> promos.check("ONCE", 500, "USD", rows.clock.instant(), true), 422, "promo_used_up");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void orderBelowTheMinimumIsRefused(Kind kind) {
        try (BillingRows rows = new BillingRows(kind)) {
            PromoCodeService promos = new PromoCodeService(rows.db, rows.clock);
            promos.create(NewPromoCode.percent("BIG", 10).withMinOrder(1_000, "USD"));

            refused(() -> promos.check("BIG", 999, "USD", rows.clock.instant(), true), 422, "promo_below_minimum");
            assertThat(promos.check("BIG", 1_000, "USD", rows.clock.instant(), true).discountMinor()).isEqualTo(100);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void deactivatedCodeIsRefused(Kind kind) {
        try (BillingRows rows = new BillingRows(kind)) {
            PromoCodeService promos = new PromoCodeService(rows.db, rows.clock);
            PromoCode promo = promos.create(NewPromoCode.percent("GONE", 10));

            PromoCode after = promos.deactivate(promo.id());

            assertThat(after.active()).isFalse();
            refused(() -> promos.check("GONE", 500, "USD", rows.clock.instant(), true), 422, "promo_inactive");
            refused(() -> promos.deactivate(promo.id() + 100), 404, "not_found");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void oneTimeCodeAppliesToTheFirstPeriodOnly(Kind kind) {
        try (BillingRows rows = new BillingRows(kind)) {
            PromoCodeService promos = new PromoCodeService(rows.db, rows.clock);
            promos.create(NewPromoCode.percent("WELCOME", 50));
            promos.create(NewPromoCode.percent("LOYAL", 10).asRecurring());

            refused(() -> promos.check("WELCOME", 500, "USD", rows.clock.instant(), false), 422, "promo_first_period_only");
            assertThat(promos.check("LOYAL", 500, "USD", rows.clock.instant(), false).discountMinor()).isEqualTo(50);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void adminListsCodesNewestFirst(Kind kind) {
        try (BillingRows rows = new BillingRows(kind)) {
            PromoCodeService promos = new PromoCodeService(rows.db, rows.clock);
            promos.create(NewPromoCode.percent("FIRST", 10));
            rows.clock.advance(Duration.ofMinutes(1));
            promos.create(NewPromoCode.fixed("SECOND", 100, "USD"));

            assertThat(promos.list()).extracting(PromoCode::code).containsExactly("SECOND", "FIRST");
            assertThat(promos.list().get(0).kind()).isEqualTo(PromoCode.Kind.FIXED);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void duplicateCodeIsAConflict(Kind kind) {
        try (BillingRows rows = new BillingRows(kind)) {
            PromoCodeService promos = new PromoCodeService(rows.db, rows.clock);
            promos.create(NewPromoCode.percent("SAME", 10));

            refused(() -> promos.create(NewPromoCode.percent("same", 20)), 409, "promo_code_taken");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void invalidCodesAreRefusedWithTheFieldNamed(Kind kind) {
        try (BillingRows rows = new BillingRows(kind)) {
            PromoCodeService promos = new PromoCodeService(rows.db, rows.clock);
            Instant t = rows.clock.instant();

            assertThatThrownBy(() -> promos.create(NewPromoCode.percent("AB", 10))).hasMessageContaining("code");
            assertThatThrownBy(() -> promos.create(NewPromoCode.percent("A".repeat(33), 10))).hasMessageContaining("code");
            assertThatThrownBy(() -> promos.create(NewPromoCode.percent("NO SPACE", 10))).hasMessageContaining("code");
            assertThatThrownBy(() -> promos.create(NewPromoCode.percent("ZERO", 0))).hasMessageContaining("percent_off");
            assertThatThrownBy(() -> promos.create(NewPromoCode.percent("MORE", 101))).hasMessageContaining("percent_off");
            assertThatThrownBy(() -> promos.create(NewPromoCode.fixed("NONE", 0, "USD"))).hasMessageContaining("value_minor");
            assertThatThrownBy(() -> promos.create(NewPromoCode.fixed("NOCUR", 100, null))).hasMessageContaining("currency");
            assertThatThrownBy(() -> promos.create(NewPromoCode.percent("BACK", 10).validBetween(t, t)))
                    .hasMessageContaining("valid_from");
            assertThatThrownBy(() -> promos.create(NewPromoCode.percent("NOUSE", 10).withMaxUses(0L)))
                    .hasMessageContaining("max_uses");
            refused(() -> promos.create(new NewPromoCode("KIND", "BOGO", 10L, null, null, null, null, null, 0, false)), 400, "bad_promo");
            assertThat(promos.list()).isEmpty();
        }
    }
}
