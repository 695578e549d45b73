package org.hostr.nostr.relay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import org.hostr.nostr.NostrEvent;

/**
 * Where someone wants to receive private messages (NIP-17 kind 10050): the relays named in its {@code relay} tags.
 * NIP-17 says to publish gift wraps only there, and not to send at all to someone who has no such list.
 */
public record DmRelayList(String pubkey, List<String> relays, Instant createdAt) {
    public static final int KIND = 10050;
    /** Longer than any real relay URL; a list is untrusted input that ends up in logs and in our connections. */
    static final int MAX_URL_CHARS = 512;

    public DmRelayList {
        Objects.requireNonNull(pubkey, "pubkey");
        relays = List.copyOf(relays);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * Reads the {@code relay} tags of a verified kind 10050 event, keeping distinct ws:// and wss:// URLs, at most
     * {@link RelayUrls#MAX_RELAYS}; anything else in the list is skipped, not an error.
     */
    public static DmRelayList fromEvent(NostrEvent event) {
        if (event.kind() != KIND) {
            throw new IllegalArgumentException("a DM relay list is kind " + KIND + ", got kind " + event.kind());
        }
        Set<String> urls = new LinkedHashSet<>();
        for (List<String> tag : event.tags()) {
            if (tag.size() >= 2 && tag.get(0).equals("relay") && isRelayUrl(tag.get(1))) {
                urls.add(tag.get(1));
            }
        }
        List<String> relays = new ArrayList<>(urls);
        return new DmRelayList(event.pubkey(),
                relays.size() > RelayUrls.MAX_RELAYS ? relays.subList(0, RelayUrls.MAX_RELAYS) : relays,
                Instant.ofEpochSecond(event.createdAt()));
    }

    static boolean isRelayUrl(String url) {
        if (url.length() > MAX_URL_CHARS) {
            return false;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        // OkHttp reads ws(s) URLs as http(s), so that is how they are checked.
        if (lower.startsWith("wss://")) {
            return HttpUrl.parse("https://" + url.substring(6)) != null;
        }
        if (lower.startsWith("ws://")) {
            return HttpUrl.parse("http://" + url.substring(5)) != null;
        }
        return false;
    }
}
