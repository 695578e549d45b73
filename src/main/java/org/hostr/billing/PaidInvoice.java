package org.hostr.billing;

import java.time.Instant;

/**
 * An invoice that has just become PAID, as settlement listeners see it (in the settling transaction).
 *
 * @param serviceStatus the service's status after settlement (PROVISIONING for a first payment)
 * @param promoCodeId   the promo code the invoice was priced with, or null
 */
public record PaidInvoice(long invoiceId, String number, long customerId, long serviceId, String kind, long totalMinor,
                          String currency, Instant paidAt, String serviceStatus, Long promoCodeId) {
}
