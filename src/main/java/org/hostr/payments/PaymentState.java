package org.hostr.payments;

/**
 * A payment attempt: CREATING until the provider's invoice id is stored, then UNPAID → PENDING (money in flight)
 * → PAID, or CANCELLED. An expired quote does not change the state: a new quote is asked for.
 */
public enum PaymentState { CREATING, UNPAID, PENDING, PAID, CANCELLED }
