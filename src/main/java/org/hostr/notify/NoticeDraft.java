package org.hostr.notify;

import java.util.Objects;

/**
 * A notice as the event that causes it words it, before it has a recipient.
 *
 * @param idempotencyKey names the event ("paid:INV-2026-000123"): one event, one notice per recipient
 * @param subject        the conversation title customers' clients show (NIP-17 subject tag)
 */
public record NoticeDraft(NoticeKind kind, String idempotencyKey, String subject, String text) {
    public NoticeDraft {
        Objects.requireNonNull(kind, "kind");
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("a notice needs an idempotency key");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a notice needs some text");
        }
    }
}
