package org.hostr.billing;

import java.time.Instant;

/**
 * An admin's request for a new promo code, as typed; {@link PromoCodeService#create} validates and normalises it.
 *
 * @param kind "PERCENT" or "FIXED"
 * @param currency required for FIXED codes and for a minimum order; optional for PERCENT (any currency)
 */
public record NewPromoCode(String code, String kind, Long percentOff, Long valueMinor, String currency,
                           Instant validFrom, Instant validUntil, Long maxUses, long minOrderMinor, boolean recurring) {

    public static NewPromoCode percent(String code, long percentOff) {
        return new NewPromoCode(code, "PERCENT", percentOff, null, null, null, null, null, 0, false);
    }

    public static NewPromoCode fixed(String code, long valueMinor, String currency) {
        return new NewPromoCode(code, "FIXED", null, valueMinor, currency, null, null, null, 0, false);
    }

    public NewPromoCode validBetween(Instant from, Instant until) {
        return new NewPromoCode(code, kind, percentOff, valueMinor, currency, from, until, maxUses, minOrderMinor, recurring);
    }

    public NewPromoCode withMaxUses(Long max) {
        return new NewPromoCode(code, kind, percentOff, valueMinor, currency, validFrom, validUntil, max, minOrderMinor, recurring);
    }

    public NewPromoCode withMinOrder(long minor, String minCurrency) {
        return new NewPromoCode(code, kind, percentOff, valueMinor, minCurrency, validFrom, validUntil, maxUses, minor, recurring);
    }

    public NewPromoCode asRecurring() {
        return new NewPromoCode(code, kind, percentOff, valueMinor, currency, validFrom, validUntil, maxUses, minOrderMinor, true);
    }
}
