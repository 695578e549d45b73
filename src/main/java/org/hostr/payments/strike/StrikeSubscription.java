package org.hostr.payments.strike;

import java.time.Instant;
import java.util.List;

/** A webhook subscription. Strike never echoes the secret back, so it is not here. */
public record StrikeSubscription(
        String id,
        String webhookUrl,
        String webhookVersion,
        boolean enabled,
        Instant created,
        List<String> eventTypes) {
}
