package org.hostr.nostr.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.hostr.nostr.Hex;
import org.hostr.nostr.MalformedEventException;
import org.hostr.nostr.NostrEvent;

/**
 * Reads relay messages leniently: anything we cannot read becomes {@link RelayFrame.Unreadable}, never an exception,
 * because relays are strangers and one bad frame must not end a fetch.
 */
final class RelayFrameReader {
    // Duplicate keys are refused as in EventJson: {"content":A,…,"content":B} must not reach the verifier.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final int MAX_LOGGED_CHARS = 200;

    private RelayFrameReader() {
    }

    static RelayFrame read(String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return new RelayFrame.Unreadable("not JSON");
        }
        if (root == null || !root.isArray() || root.isEmpty() || !root.get(0).isTextual()) {
            return new RelayFrame.Unreadable("not a JSON array starting with a message type");
        }
        String type = root.get(0).textValue();
        return switch (type) {
            case "EVENT" -> event(root);
            case "EOSE" -> root.size() >= 2 && root.get(1).isTextual()
                    ? new RelayFrame.EndOfStoredEvents(root.get(1).textValue())
                    : new RelayFrame.Unreadable("EOSE without a subscription id");
            case "CLOSED" -> root.size() >= 2 && root.get(1).isTextual()
                    ? new RelayFrame.Closed(root.get(1).textValue(), loggable(root.path(2).asText("")))
                    : new RelayFrame.Unreadable("CLOSED without a subscription id");
            case "NOTICE" -> new RelayFrame.Notice(loggable(root.path(1).asText("")));
            case "OK" -> ok(root);
            case "AUTH" -> root.size() >= 2 && root.get(1).isTextual()
                    ? new RelayFrame.Auth(loggable(root.get(1).textValue()))
                    : new RelayFrame.Unreadable("AUTH without a challenge");
            default -> new RelayFrame.Unreadable("message type " + loggable(type));
        };
    }

    /** The id must be an event id exactly, since it is compared with the one we sent. */
    private static RelayFrame ok(JsonNode root) {
        if (root.size() < 3 || !root.get(1).isTextual() || !Hex.isLowercaseHex(root.get(1).textValue(), 32)
                || !root.get(2).isBoolean()) {
            return new RelayFrame.Unreadable("OK must be [\"OK\", event id, true|false, message]");
        }
        return new RelayFrame.Ok(root.get(1).textValue(), root.get(2).booleanValue(),
                loggable(root.path(3).asText("")));
    }

    private static RelayFrame event(JsonNode root) {
        if (root.size() != 3 || !root.get(1).isTextual() || !root.get(2).isObject()) {
            return new RelayFrame.Unreadable("EVENT must be [\"EVENT\", subId, {event}]");
        }
        try {
            NostrEvent event = NostrEvent.fromJson(MAPPER.writeValueAsString(root.get(2)));
            return new RelayFrame.Event(root.get(1).textValue(), event);
        } catch (MalformedEventException e) {
            return new RelayFrame.Unreadable(e.getMessage());
        } catch (JsonProcessingException e) {
            return new RelayFrame.Unreadable("event could not be re-serialized");
        }
    }

    /** Relay text goes to DEBUG logs only; cut it short and drop control characters so it cannot forge log lines. */
    static String loggable(String text) {
        String cut = text.length() > MAX_LOGGED_CHARS ? text.substring(0, MAX_LOGGED_CHARS) + "…" : text;
        return cut.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
