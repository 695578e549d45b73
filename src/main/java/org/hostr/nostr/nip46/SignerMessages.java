package org.hostr.nostr.nip46;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.hostr.nostr.EventTemplate;

/**
 * The JSON-RPC-like messages inside kind-24133 events (NIP-46): requests {@code {id, method, params}} that we write,
 * responses {@code {id, result, error}} that we read. Reading is strict, and what cannot be read is simply not a
 * response: the caller ignores it and keeps waiting.
 */
final class SignerMessages {
    /** Our ids are 32 hex characters; a response id longer than this cannot be one of ours. */
    static final int MAX_ID_CHARS = 64;
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private SignerMessages() {
    }

    /** 128 random bits: a response can only be matched to a request by someone who could read the request. */
    static String newRequestId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    static String request(String id, String method, List<String> params) {
        ObjectNode request = MAPPER.createObjectNode().put("id", id).put("method", method);
        ArrayNode array = request.putArray("params");
        params.forEach(array::add);
        return request.toString();
    }

    /** The one parameter of {@code sign_event}: the unsigned event as a JSON string; the signer adds pubkey, id, sig. */
    static String eventTemplate(EventTemplate template) {
        ObjectNode event = MAPPER.createObjectNode().put("kind", template.kind()).put("content", template.content());
        ArrayNode tags = event.putArray("tags");
        template.tags().forEach(tag -> {
            ArrayNode values = tags.addArray();
            tag.forEach(values::add);
        });
        event.put("created_at", template.createdAt());
        return event.toString();
    }

    /** A response, or empty for anything else: not JSON, a request, an id that is not ours, a wrong type. */
    static Optional<SignerResponse> response(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject() || root.has("method")) {
            return Optional.empty();
        }
        JsonNode id = root.get("id");
        if (id == null || !id.isTextual() || id.textValue().isEmpty() || id.textValue().length() > MAX_ID_CHARS) {
            return Optional.empty();
        }
        JsonNode result = root.get("result");
        JsonNode error = root.get("error");
        if (!isTextOrAbsent(error) || !(isTextOrAbsent(result) || result.isObject())) {
            return Optional.empty();
        }
        // Some signers put the signed event in "result" as an object rather than as a JSON string: same meaning.
        String resultText = result == null || result.isNull() ? null : result.isObject() ? result.toString() : result.textValue();
        String errorText = error == null || error.isNull() || error.textValue().isEmpty() ? null : error.textValue();
        return Optional.of(new SignerResponse(id.textValue(), resultText, errorText));
    }

    private static boolean isTextOrAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isTextual();
    }
}
