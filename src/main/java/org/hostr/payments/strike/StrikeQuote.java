package org.hostr.payments.strike;

import java.time.Instant;

/**
 * A quote: the BOLT11 the customer pays, at a rate Strike guarantees until {@code expiration} (about 30 s for fiat
 * invoices). An expired quote is not an unpaid bill: the invoice stays UNPAID and a new quote can be asked for.
 *
 * @param sourceAmount what the payer sends, in BTC at creation
 * @param targetAmount what the receiver is credited, in the invoice currency
 * @param conversionRate units of target currency per one unit of source currency, locked for this quote
 */
public record StrikeQuote(
        String quoteId,
        String description,
        String lnInvoice,
        String onchainAddress,
        Instant expiration,
        long expirationInSec,
        StrikeAmount targetAmount,
        StrikeAmount sourceAmount,
        StrikeRate conversionRate) {

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiration);
    }
}
