package org.hostr.sim.strike;

import java.time.Instant;
import java.util.List;

record SimEvent(String id, String eventType, String entityId, List<String> changes, Instant created) {
}
