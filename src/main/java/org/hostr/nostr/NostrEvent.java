package org.hostr.nostr;

import java.util.List;
import java.util.Objects;

/**
 * A signed NIP-01 event as it travels: hex strings as received, not yet trusted. Use {@link EventVerifier} before
 * believing who wrote it. {@link #fromJson} is strict; the constructor only refuses nulls, so tests and
 * {@link EventSigner} can build events freely.
 */
public record NostrEvent(
        String id,
        String pubkey,
        long createdAt,
        int kind,
        List<List<String>> tags,
        String content,
        String sig) {

    public NostrEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pubkey, "pubkey");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(sig, "sig");
        tags = List.copyOf(Objects.requireNonNull(tags, "tags").stream().map(List::copyOf).toList());
    }

    /** Reads one event object; every field must be present with its NIP-01 type and hex in lowercase. */
    public static NostrEvent fromJson(String json) throws MalformedEventException {
        return EventJson.parse(json);
    }

    /** The event as compact JSON, fields in NIP-01 order, strings escaped like {@code JSON.stringify}. */
    public String toJson() {
        StringBuilder out = JsonText.eventFields(id, pubkey, createdAt, kind, tags, content);
        out.append(",\"sig\":");
        JsonText.appendString(out, sig);
        out.append('}');
        return out.toString();
    }
}
