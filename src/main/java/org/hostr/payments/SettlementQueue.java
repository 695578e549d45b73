package org.hostr.payments;

import org.jooq.DSLContext;

/** Settles a Strike invoice later, off the webhook's request thread (Strike wants a 2xx within 5 s). */
public interface SettlementQueue {
    /** Queues one settlement per webhook event: a redelivered event finds its settlement already queued. */
    void settleLater(String eventId, String providerInvoiceId);

    /** As above, inside the transaction that stores the event, so the event and its settlement commit together. */
    default void settleLater(DSLContext tx, String eventId, String providerInvoiceId) {
        settleLater(eventId, providerInvoiceId);
    }
}
