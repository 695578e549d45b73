package org.hostr.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Job payloads are JSON text in jobs.payload; handlers read them as a tree. */
final class JobPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JobPayloads() {
    }

    static ObjectNode empty() {
        return JSON.createObjectNode();
    }

    static JsonNode toTree(Object payload) {
        if (payload == null) {
            return empty();
        }
        if (payload instanceof JsonNode node) {
            return node;
        }
        return JSON.valueToTree(payload);
    }

    static String write(JsonNode payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("job payload cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A payload that no longer parses is kept visible to the admin rather than failing the whole list. */
    static JsonNode read(String text) {
        try {
            return JSON.readTree(text == null || text.isEmpty() ? "{}" : text);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode().put("unreadable_payload", text);
        }
    }
}
