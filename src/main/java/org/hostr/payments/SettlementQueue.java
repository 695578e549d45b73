package org.hostr.payments;

/** Settles a Strike invoice later, off the webhook's request thread (Strike wants a 2xx within 5 s). */
public interface SettlementQueue {
    /** Queues one settlement per webhook event: a redelivered event finds its settlement already queued. */
    void settleLater(String eventId, String providerInvoiceId);
}
