package org.hostr.nostr.relay;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every relay's outcome for one published event, in the order the relays were given. */
public record PublishReport(String eventId, Map<String, PublishOutcome> outcomes) {
    public PublishReport {
        outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    }

    /** True when at least one relay stored the event: for a message, that it can be read. */
    public boolean acceptedByAny() {
        return outcomes.values().stream().anyMatch(o -> o instanceof PublishOutcome.Accepted);
    }

    /** One line for logs: {@code wss://a accepted, wss://b rejected (blocked: spam)}. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        outcomes.forEach((url, outcome) -> {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(RelayFrameReader.loggable(url)).append(' ').append(describe(outcome));
        });
        return out.length() == 0 ? "no relays" : out.toString();
    }

    private static String describe(PublishOutcome outcome) {
        if (outcome instanceof PublishOutcome.Accepted) {
            return "accepted";
        } else if (outcome instanceof PublishOutcome.Rejected r) {
            return "rejected (" + r.message() + ")";
        } else if (outcome instanceof PublishOutcome.TimedOut) {
            return "timed out";
        } else {
            return "failed (" + ((PublishOutcome.Failed) outcome).reason() + ")";
        }
    }
}
