package org.hostr.billing;

import java.time.Instant;

/** One of our invoices. Amounts in minor units of {@code currency}; kind NEW/RENEWAL/UPGRADE, status UNPAID/PAID/CANCELLED. */
public record Invoice(long id, String number, long customerId, long serviceId, String kind, String status, Long planId,
                      long subtotalMinor, long totalMinor, String currency, Instant periodFrom, Instant periodTo,
                      Instant dueAt, Instant createdAt, Instant paidAt, Instant cancelledAt) {

    public static final String UNPAID = "UNPAID";
    public static final String PAID = "PAID";
    public static final String CANCELLED = "CANCELLED";

    public Money total() {
        return new Money(totalMinor, currency);
    }
}
