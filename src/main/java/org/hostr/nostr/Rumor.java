package org.hostr.nostr;

import java.util.List;
import java.util.Objects;

/**
 * An unsigned event with its id (NIP-59): what a private message really is before it is sealed. Having no
 * signature is the point: if it leaks, nobody can prove who wrote it. Who wrote it is vouched for by the seal
 * around it, which is why {@link GiftUnwrapper} insists the two pubkeys agree.
 */
public record Rumor(String id, String pubkey, long createdAt, int kind, List<List<String>> tags, String content) {

    public Rumor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pubkey, "pubkey");
        Objects.requireNonNull(content, "content");
        tags = List.copyOf(Objects.requireNonNull(tags, "tags").stream().map(List::copyOf).toList());
    }

    /** The template as {@code pubkey} would write it, with the id computed as for a signed event. */
    public static Rumor of(String pubkey, EventTemplate template) {
        String id = EventSerializer.eventId(pubkey, template.createdAt(), template.kind(), template.tags(),
                template.content());
        return new Rumor(id, pubkey, template.createdAt(), template.kind(), template.tags(), template.content());
    }

    /** Strict like {@link NostrEvent#fromJson}, except that there is no signature to read. */
    public static Rumor fromJson(String json) throws MalformedEventException {
        return EventJson.parseRumor(json);
    }

    /** True when the id is the hash of the fields; nothing else ties a rumor's content to its id. */
    public boolean hasValidId() {
        return Hex.isLowercaseHex(id, 32) && Hex.isLowercaseHex(pubkey, 32)
                && EventSerializer.eventId(pubkey, createdAt, kind, tags, content).equals(id);
    }

    /** Compact JSON in NIP-01 field order, without {@code sig}. */
    public String toJson() {
        StringBuilder out = JsonText.eventFields(id, pubkey, createdAt, kind, tags, content);
        out.append('}');
        return out.toString();
    }

    /** The first value of the first tag named {@code name}, or null. */
    public String firstTagValue(String name) {
        return tags.stream().filter(t -> t.size() >= 2 && t.get(0).equals(name)).map(t -> t.get(1))
                .findFirst().orElse(null);
    }
}
