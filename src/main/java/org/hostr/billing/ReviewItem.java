package org.hostr.billing;

import java.time.Instant;
import java.util.List;

/**
 * One service in the admin's review queue: SUSPENDED by an admin, or with open billing items (a termination put
 * before an admin, a payment kept on a suspended or ended service), with the admins' notes.
 */
public record ReviewItem(long serviceId, long customerId, String domain, String status, String suspendReason,
                         Instant nextDueAt, List<Open> open, List<Note> notes) {

    /** An open billing item: REVIEW_TERMINATE (ref = due date, epoch ms) or PAYMENT_TO_REVIEW (ref = invoice number). */
    public record Open(String action, String ref, String details, Instant createdAt) {
    }

    public record Note(String author, String text, Instant at) {
    }
}
