package org.hostr.billing;

/**
 * What a new invoice charges, in minor units: {@code subtotal − discount − credit = total}. One rule for every invoice
 * (an order, a renewal, an upgrade): the promo discount comes off first, then the customer's credit pays as much of
 * the rest as the balance covers. An invoice left with nothing to pay is settled when it is issued, as paid by credit
 * ({@link #paidByCredit()}): a Lightning invoice for zero cannot be paid, and a customer with enough credit must not be
 * asked for one.
 */
public record InvoiceAmounts(long subtotalMinor, long discountMinor, long creditMinor, long totalMinor) {

    public InvoiceAmounts {
        if (subtotalMinor < 0 || discountMinor < 0 || creditMinor < 0 || totalMinor < 0) {
            throw new IllegalArgumentException("invoice amounts must be 0 or more: subtotal " + subtotalMinor
                    + ", discount " + discountMinor + ", credit " + creditMinor + ", total " + totalMinor);
        }
        if (Math.addExact(Math.addExact(discountMinor, creditMinor), totalMinor) != subtotalMinor) {
            throw new IllegalArgumentException("discount " + discountMinor + " + credit " + creditMinor + " + total "
                    + totalMinor + " must equal the subtotal " + subtotalMinor);
        }
    }

    /**
     * @param discountMinor      the promo discount, at most the subtotal
     * @param creditBalanceMinor the customer's balance (or what of it is already spent on this invoice); only as much
     *                           as the invoice needs after the discount is used
     */
    public static InvoiceAmounts of(long subtotalMinor, long discountMinor, long creditBalanceMinor) {
        if (discountMinor > subtotalMinor) {
            throw new IllegalArgumentException("a discount of " + discountMinor + " exceeds the subtotal " + subtotalMinor);
        }
        long due = subtotalMinor - discountMinor;
        long credit = Math.min(Math.max(creditBalanceMinor, 0), due);
        return new InvoiceAmounts(subtotalMinor, discountMinor, credit, due - credit);
    }

    /** Nothing left to pay (credit, a discount or both covered it): settle at issue, no Lightning invoice. */
    public boolean paidByCredit() {
        return totalMinor == 0;
    }
}
