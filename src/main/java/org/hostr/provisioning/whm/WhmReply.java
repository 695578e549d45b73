package org.hostr.provisioning.whm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A WHM API 1 envelope that parsed: {@code metadata.result}, {@code metadata.reason} and {@code data}.
 *
 * @param data {@code data}, or a missing node: WHM leaves it out on failure and for action-only functions
 */
record WhmReply(String server, String function, boolean ok, String reason, JsonNode data) {

    /** This reply, or the failure it reports. WHM answers HTTP 200 on failure; only metadata.result counts. */
    WhmReply orThrow() {
        if (!ok) {
            throw new WhmCallFailedException(server, function, reason);
        }
        return this;
    }
}
