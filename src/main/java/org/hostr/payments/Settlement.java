package org.hostr.payments;

/** What one settlement attempt found at Strike and did. */
public enum Settlement {
    /** Strike says PAID and this call marked our invoice PAID. */
    SETTLED,
    /** Strike says PAID but the invoice was already PAID (a duplicate or reordered webhook): nothing changed. */
    ALREADY_SETTLED,
    /** Money in flight: the payment shows PENDING. */
    PENDING,
    /** Still UNPAID at Strike (e.g. a quote-only change). */
    OPEN,
    /** CANCELLED or REVERSED at Strike: the payment shows CANCELLED; the invoice stays as it is. */
    CANCELLED,
    /** No payment of ours has this Strike invoice id. */
    UNKNOWN_INVOICE
}
