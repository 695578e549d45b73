package org.hostr.sim.strike;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** One request as a route sees it: path parameters already cut out, query already decoded. */
record SimRequest(String method, String path, Map<String, String> query, byte[] body, List<String> params) {

    String param(int index) {
        return params.get(index);
    }

    SimRequest withParams(List<String> values) {
        return new SimRequest(method, path, query, body, values);
    }

    /** The body as a JSON object; an empty body reads as {} (Strike's quote endpoint takes an optional body). */
    ObjectNode jsonObject() {
        if (body.length == 0) {
            return SimJson.MAPPER.createObjectNode();
        }
        try {
            JsonNode n = SimJson.MAPPER.readTree(body);
            if (n instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            // fall through to the same 400 as a non-object
        }
        throw new SimError(400, "INVALID_DATA", "The request body must be a JSON object");
    }
}
