package org.hostr.sim.strike;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

record SimResponse(int status, byte[] body) {

    static SimResponse json(int status, JsonNode node) {
        return new SimResponse(status, node.toString().getBytes(StandardCharsets.UTF_8));
    }

    static SimResponse empty(int status) {
        return new SimResponse(status, new byte[0]);
    }

    static SimResponse error(SimError e) {
        return json(e.status, SimJson.error(e.status, e.code, e.getMessage(), e.validationErrors));
    }
}
