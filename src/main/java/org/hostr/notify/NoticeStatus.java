package org.hostr.notify;

/** Where a notice stands in the outbox. */
public enum NoticeStatus {
    /** Waiting for (another) attempt to publish it. */
    QUEUED,
    /** At least one relay stored the gift wrap. */
    SENT,
    /** The last attempt failed too; the job is DEAD and an admin can retry it. */
    FAILED,
    /** Recorded but not sent, with the reason (switched off, no shop key, nowhere to send it). */
    SKIPPED
}
