package org.hostr.sim.strike;

import java.math.BigDecimal;
import java.time.Instant;

/** A quote as issued; {@code btcPrice} is units of the invoice currency per BTC, locked for this quote. */
record SimQuote(String quoteId, String invoiceId, String lnInvoice, Instant created, Instant expiration, long sats,
                BigDecimal btcPrice) {
}
