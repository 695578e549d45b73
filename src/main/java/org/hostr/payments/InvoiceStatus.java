package org.hostr.payments;

import java.time.Instant;

/** GET /api/v1/invoices/{number}: the invoice and its payment attempt, as the pay page polls it. */
public record InvoiceStatus(String number, String status, String kind, long totalMinor, String currency, Instant dueAt,
                            Instant paidAt, PaymentView payment) {

    /** The payment attempt; null fields until the customer first asks to pay. */
    public record PaymentView(String state, String bolt11, Long amountSats, Instant expiresAt) {
    }
}
