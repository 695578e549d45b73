package org.hostr.sim.strike;

import java.time.Instant;
import java.util.List;

record SimSubscription(String id, String webhookUrl, String webhookVersion, String secret, boolean enabled,
                       Instant created, List<String> eventTypes) {

    boolean wants(String eventType) {
        return enabled && eventTypes.contains(eventType);
    }
}
