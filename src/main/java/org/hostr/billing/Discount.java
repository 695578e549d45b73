package org.hostr.billing;

/** A promo code's discount on one subtotal: what the invoice records as discount_minor and promo_code_id. */
public record Discount(long promoCodeId, String code, long discountMinor, String currency) {
}
