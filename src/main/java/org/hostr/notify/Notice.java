package org.hostr.notify;

import java.time.Instant;

/**
 * One row of the notices outbox.
 *
 * @param customerId null for notices to admins
 * @param wrapJson   the gift wrap built at the first attempt, or null before it
 * @param lastError  why the last attempt failed, or why the notice was skipped
 */
public record Notice(long id, String idempotencyKey, NoticeKind kind, Long customerId, String recipientPubkey,
                     String subject, String text, NoticeStatus status, String wrapId, String wrapJson, int attempts,
                     String lastError, String relayResults, Instant createdAt, Instant sentAt) {
}
