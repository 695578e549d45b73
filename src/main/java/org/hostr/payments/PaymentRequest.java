package org.hostr.payments;

import java.time.Instant;

/**
 * What POST /api/v1/invoices/{number}/pay answers: the BOLT11 to pay and until when, or (bolt11 null) the state the
 * payment is already in. {@code status} is UNPAID, PENDING or PAID.
 */
public record PaymentRequest(String bolt11, Long amountSats, Instant expiresAt, String status) {
}
