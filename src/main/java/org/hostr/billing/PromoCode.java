package org.hostr.billing;

import java.time.Instant;

/**
 * A promo code as stored. PERCENT codes carry {@code percentOff} (1..100); FIXED codes carry {@code valueMinor} and a
 * currency. {@code uses} counts paid orders (renewals count none). Times: valid from (inclusive) until (exclusive); null
 * is open-ended. A code that is not {@code recurring} applies to a service's first period only; a recurring one also
 * discounts the renewals of periods that start before valid_until.
 */
public record PromoCode(long id, String code, Kind kind, Long percentOff, Long valueMinor, String currency,
                        Instant validFrom, Instant validUntil, Long maxUses, long uses, long minOrderMinor,
                        boolean recurring, boolean active, Instant createdAt) {

    /** How the discount is computed. */
    public enum Kind { PERCENT, FIXED }

    public boolean usedUp() {
        return maxUses != null && uses >= maxUses;
    }
}
