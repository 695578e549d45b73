package org.hostr.nostr;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The NIP-01 canonical form {@code [0,pubkey,created_at,kind,tags,content]} and the event id (its sha256), written by
 * hand so the bytes match {@code JSON.stringify} in nostr-tools, which is what signers hash (see {@link JsonText}).
 */
public final class EventSerializer {
    private EventSerializer() {
    }

    public static String serialize(String pubkey, long createdAt, int kind, List<List<String>> tags, String content) {
        StringBuilder out = new StringBuilder(128 + content.length());
        out.append("[0,");
        JsonText.appendString(out, pubkey);
        out.append(',').append(createdAt).append(',').append(kind).append(',');
        JsonText.appendTags(out, tags);
        out.append(',');
        JsonText.appendString(out, content);
        out.append(']');
        return out.toString();
    }

    /** The id an event with these fields must carry: lowercase hex sha256 of the UTF-8 serialization. */
    public static String eventId(String pubkey, long createdAt, int kind, List<List<String>> tags, String content) {
        byte[] utf8 = serialize(pubkey, createdAt, kind, tags, content).getBytes(StandardCharsets.UTF_8);
        return Hex.encode(sha256(utf8));
    }

    /** The id recomputed from an event's fields, ignoring the id it claims. */
    public static String eventId(NostrEvent event) {
        return eventId(event.pubkey(), event.createdAt(), event.kind(), event.tags(), event.content());
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime ships SHA-256", e);
        }
    }
}
