package org.hostr.drills;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import org.hostr.payments.strike.StrikeWebhookSignature;

/**
 * What POST /webhooks/strike promises for a delivery, written out independently of the receiver so the fuzz drill can
 * hold it to it: more than 64 KiB → 413; a signature that is not the HMAC of these bytes → 401; not a Strike event
 * (a JSON object with a scalar, non-blank {@code id} and {@code eventType}; those and {@code data.entityId} plain
 * identifiers) → 400; otherwise 200 and the event stored.
 */
final class WebhookContract {
    private static final int MAX_BYTES = 64 * 1024;
    /** Floats read as BigDecimal, as the Strike client does: an id of 1e400 is then "1E+400", not "Infinity". */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** The status, and for a 200 the stored event as [event_id, type, entity_id]. */
    record Expected(int status, List<String> event) {
    }

    private WebhookContract() {
    }

    static Expected expected(byte[] body, String signature, String secret) {
        if (body.length > MAX_BYTES) {
            return new Expected(413, null);
        }
        if (signature == null || !signature.equalsIgnoreCase(StrikeWebhookSignature.sign(body, secret))) {
            return new Expected(401, null);
        }
        JsonNode n;
        try {
            n = JSON.readTree(body);
        } catch (Exception e) {
            return new Expected(400, null);
        }
        String id = n == null || !n.isObject() ? null : scalar(n.get("id"));
        String type = n == null || !n.isObject() ? null : scalar(n.get("eventType"));
        if (id == null || id.isBlank() || type == null || type.isBlank()) {
            return new Expected(400, null);
        }
        JsonNode data = n.get("data");
        String entityId = data == null ? null : scalar(data.get("entityId"));
        if (!identifier(id) || !identifier(type) || (entityId != null && !identifier(entityId))) {
            return new Expected(400, null);
        }
        return new Expected(200, Arrays.asList(id, type, entityId));
    }

    /** At most 200 characters, no control characters, surrogates only in pairs: what can be stored and indexed. */
    private static boolean identifier(String text) {
        if (text.length() > 200) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                i++;
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String scalar(JsonNode v) {
        return v != null && v.isValueNode() && !v.isNull() ? v.asText() : null;
    }
}
