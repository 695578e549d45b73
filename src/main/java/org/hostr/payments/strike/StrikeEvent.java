package org.hostr.payments.strike;

import java.time.Instant;
import java.util.List;

/**
 * One entry of {@code GET /v1/events}: the same event a webhook carries, plus whether Strike managed to deliver it.
 * Used by the reconciler to catch up on webhooks that never arrived.
 *
 * @param deliverySuccess null when Strike leaves it out
 */
public record StrikeEvent(
        String id,
        String eventType,
        String webhookVersion,
        String entityId,
        List<String> changes,
        Instant created,
        Boolean deliverySuccess) {
}
