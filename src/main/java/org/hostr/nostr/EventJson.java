package org.hostr.nostr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;

/** Strict reading of an event object: the shape NIP-01 defines and nothing looser. */
final class EventJson {
    // Duplicate keys are refused: with {"id":A,...,"id":B} two parsers could disagree on which event was signed.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final int MAX_KIND = 65535;

    private EventJson() {
    }

    static NostrEvent parse(String json) throws MalformedEventException {
        JsonNode root = object(json);
        return new NostrEvent(
                hex(root, "id", 32),
                hex(root, "pubkey", 32),
                createdAt(root),
                kind(root),
                tags(root),
                text(root, "content"),
                hex(root, "sig", 64));
    }

    /** A rumor (NIP-59) is an event without {@code sig}; any {@code sig} it carries is ignored, not trusted. */
    static Rumor parseRumor(String json) throws MalformedEventException {
        JsonNode root = object(json);
        return new Rumor(
                hex(root, "id", 32),
                hex(root, "pubkey", 32),
                createdAt(root),
                kind(root),
                tags(root),
                text(root, "content"));
    }

    private static JsonNode object(String json) throws MalformedEventException {
        if (json == null) {
            throw new MalformedEventException("event JSON is missing");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            // The original message only: Jackson's full message may quote the (attacker-chosen) input.
            throw new MalformedEventException("event is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("event must be a JSON object");
        }
        return root;
    }

    private static JsonNode field(JsonNode root, String name) throws MalformedEventException {
        JsonNode node = root.get(name);
        if (node == null) {
            throw new MalformedEventException("event has no \"" + name + "\" field");
        }
        return node;
    }

    private static String text(JsonNode root, String name) throws MalformedEventException {
        JsonNode node = field(root, name);
        if (!node.isTextual()) {
            throw new MalformedEventException("event \"" + name + "\" must be a string");
        }
        return node.textValue();
    }

    private static String hex(JsonNode root, String name, int byteCount) throws MalformedEventException {
        String value = text(root, name);
        if (!Hex.isLowercaseHex(value, byteCount)) {
            throw new MalformedEventException(
                    "event \"" + name + "\" must be " + byteCount * 2 + " lowercase hex characters");
        }
        return value;
    }

    private static long createdAt(JsonNode root) throws MalformedEventException {
        JsonNode node = field(root, "created_at");
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw new MalformedEventException("event \"created_at\" must be a non-negative integer (unix seconds)");
        }
        return node.longValue();
    }

    private static int kind(JsonNode root) throws MalformedEventException {
        JsonNode node = field(root, "kind");
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0 || node.intValue() > MAX_KIND) {
            throw new MalformedEventException("event \"kind\" must be an integer from 0 to " + MAX_KIND);
        }
        return node.intValue();
    }

    private static List<List<String>> tags(JsonNode root) throws MalformedEventException {
        JsonNode node = field(root, "tags");
        if (!node.isArray()) {
            throw new MalformedEventException("event \"tags\" must be an array of arrays of strings");
        }
        List<List<String>> tags = new ArrayList<>(node.size());
        for (JsonNode tagNode : node) {
            if (!tagNode.isArray()) {
                throw new MalformedEventException("event \"tags\" must be an array of arrays of strings");
            }
            List<String> tag = new ArrayList<>(tagNode.size());
            for (JsonNode value : tagNode) {
                if (!value.isTextual()) {
                    throw new MalformedEventException("event \"tags\" must be an array of arrays of strings");
                }
                tag.add(value.textValue());
            }
            tags.add(tag);
        }
        return tags;
    }
}
