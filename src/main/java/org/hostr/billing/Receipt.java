package org.hostr.billing;

import java.time.Instant;

/**
 * What a paid invoice's receipt shows: amounts in minor units, what the Lightning payment was (sats, Strike invoice
 * id; null when an admin marked it paid by hand) and when it was paid.
 */
public record Receipt(String number, String kind, long subtotalMinor, long discountMinor, long creditAppliedMinor,
                      long totalMinor, long refundedMinor, String currency, Instant periodFrom, Instant periodTo,
                      Instant paidAt, Long amountSats, String strikeInvoiceId, String domain) {

    public String total() {
        return new Money(totalMinor, currency).display();
    }

    public String subtotal() {
        return new Money(subtotalMinor, currency).display();
    }

    public String discount() {
        return new Money(discountMinor, currency).display();
    }

    public String creditApplied() {
        return new Money(creditAppliedMinor, currency).display();
    }

    public String refunded() {
        return new Money(refundedMinor, currency).display();
    }
}
