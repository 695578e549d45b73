package org.hostr.payments.strike;

import java.time.Instant;

/** A Strike invoice as returned by create, get, list and cancel. {@code payerId} is set only when a Strike user paid. */
public record StrikeInvoice(
        String invoiceId,
        String correlationId,
        String description,
        StrikeAmount amount,
        StrikeInvoiceState state,
        Instant created,
        String issuerId,
        String receiverId,
        String payerId) {
}
