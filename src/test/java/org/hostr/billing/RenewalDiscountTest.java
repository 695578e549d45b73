package org.hostr.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which renewals a service's order promo code discounts, and by how much (pure). */
class RenewalDiscountTest {
    private static final Instant PERIOD_FROM = Instant.parse("2026-03-01T10:00:00Z");

    private static PromoCode percent(long percentOff, boolean recurring) {
        return new PromoCode(1, "LOYAL", PromoCode.Kind.PERCENT, percentOff, null, null, null, null, null, 0, 0,
                recurring, true, PERIOD_FROM.minusSeconds(86_400 * 60));
    }

    private static PromoCode with(PromoCode p, Instant validUntil, Long maxUses, long uses, boolean active, String currency) {
        return new PromoCode(p.id(), p.code(), p.kind(), p.percentOff(), p.valueMinor(), currency, p.validFrom(), validUntil,
                maxUses, uses, p.minOrderMinor(), p.recurring(), active, p.createdAt());
    }

    @Test
    void recurringPercentCodeDiscountsTheRenewalPriceRoundedHalfUp() {
        assertThat(PromoCodeService.renewalDiscount(percent(25, true), 1_250, "USD", PERIOD_FROM)).isEqualTo(313);
    }

    @Test
    void recurringFixedCodeIsCappedAtTheRenewalPrice() {
        PromoCode fixed = new PromoCode(2, "TENOFF", PromoCode.Kind.FIXED, null, 1_000L, "USD", null, null, null, 0, 2_000,
                true, true, PERIOD_FROM);

        assertThat(PromoCodeService.renewalDiscount(fixed, 1_500, "USD", PERIOD_FROM)).isEqualTo(1_000);
        assertThat(PromoCodeService.renewalDiscount(fixed, 500, "USD", PERIOD_FROM)).isEqualTo(500);
    }

    @Test
    void firstPeriodOnlyCodeGivesRenewalsNothing() {
        assertThat(PromoCodeService.renewalDiscount(percent(25, false), 1_250, "USD", PERIOD_FROM)).isZero();
    }

    @Test
    void noCodeGivesNothing() {
        assertThat(PromoCodeService.renewalDiscount(null, 1_250, "USD", PERIOD_FROM)).isZero();
    }

    @Test
    void periodStartingAtValidUntilOrLaterIsNotDiscounted() {
        PromoCode code = percent(20, true);

        assertThat(PromoCodeService.renewalDiscount(with(code, PERIOD_FROM.plusMillis(1), null, 0, true, null), 500, "USD",
                PERIOD_FROM)).isEqualTo(100);
        assertThat(PromoCodeService.renewalDiscount(with(code, PERIOD_FROM, null, 0, true, null), 500, "USD",
                PERIOD_FROM)).isZero();
    }

    @Test
    void usedUpCodeKeepsDiscountingTheOrdersThatGotIt() {
        PromoCode usedUp = with(percent(20, true), null, 1L, 1, true, null);

        assertThat(usedUp.usedUp()).isTrue();
        assertThat(PromoCodeService.renewalDiscount(usedUp, 500, "USD", PERIOD_FROM)).isEqualTo(100);
    }

    @Test
    void withdrawnCodeStopsDiscountingRenewals() {
        assertThat(PromoCodeService.renewalDiscount(with(percent(20, true), null, null, 0, false, null), 500, "USD",
                PERIOD_FROM)).isZero();
    }

    @Test
    void codeForAnotherCurrencyGivesNothing() {
        assertThat(PromoCodeService.renewalDiscount(with(percent(20, true), null, null, 0, true, "EUR"), 500, "USD",
                PERIOD_FROM)).isZero();
    }
}
