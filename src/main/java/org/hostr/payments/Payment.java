package org.hostr.payments;

import java.time.Instant;

/** Our record of a payment attempt at one provider: one Strike invoice per our invoice, its current quote, its state. */
public record Payment(long id, long invoiceId, String provider, String providerInvoiceId, PaymentState state,
                      String bolt11, String quoteId, Instant quoteExpiresAt, Long amountSats, Instant paidAt) {

    /** True while the stored BOLT11 can still be paid, with a margin for the payer's wallet to send it. */
    public boolean quoteLive(Instant now, java.time.Duration margin) {
        return bolt11 != null && quoteExpiresAt != null && now.plus(margin).isBefore(quoteExpiresAt);
    }
}
