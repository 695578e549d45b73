package org.hostr.payments.strike;

import java.time.Instant;
import java.util.List;

/**
 * The body Strike POSTs to a webhook URL. It names what changed ({@code entityId}, {@code changes}) but not the new
 * state: the receiver must GET the invoice and act on what it reads. Retries reuse {@code id}, so de-duplicate on it.
 */
public record StrikeWebhookEvent(
        String id,
        String eventType,
        String webhookVersion,
        String entityId,
        List<String> changes,
        Instant created) {

    /**
     * Reads a webhook body.
     *
     * @throws StrikeWebhookPayloadException if the body is not JSON or has no {@code id} or {@code eventType}
     */
    public static StrikeWebhookEvent parse(byte[] rawBody) {
        return StrikeJson.webhookEvent(rawBody);
    }
}
