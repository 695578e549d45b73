package org.hostr.nostr;

import java.util.List;
import java.util.Objects;

/** An event before signing: what NIP-07's {@code signEvent} receives. {@link EventSigner} adds pubkey, id and sig. */
public record EventTemplate(int kind, List<List<String>> tags, String content, long createdAt) {
    public EventTemplate {
        if (kind < 0 || kind > 65535) {
            throw new IllegalArgumentException("kind must be from 0 to 65535, got " + kind);
        }
        tags = List.copyOf(Objects.requireNonNull(tags, "tags").stream().map(List::copyOf).toList());
        Objects.requireNonNull(content, "content");
    }
}
