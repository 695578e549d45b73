package org.hostr.billing;

/** What POST /api/v1/orders answers: the new service and its first invoice. */
public record PlacedOrder(long serviceId, String invoiceNumber, String status, long totalMinor, String currency) {
}
