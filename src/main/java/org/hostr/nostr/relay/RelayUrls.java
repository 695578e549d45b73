package org.hostr.nostr.relay;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/** Relay lists come from customers (NIP-65, NIP-05, kind 10050), so how many we contact at once is bounded here. */
final class RelayUrls {
    /** The most relays one fetch or one publication talks to. */
    static final int MAX_RELAYS = 16;

    private RelayUrls() {
    }

    /** The first {@link #MAX_RELAYS} distinct entries, in order; nulls are dropped. */
    static List<String> firstDistinct(List<String> relayUrls) {
        List<String> urls = new ArrayList<>(new LinkedHashSet<>(relayUrls.stream().filter(Objects::nonNull).toList()));
        return urls.size() > MAX_RELAYS ? List.copyOf(urls.subList(0, MAX_RELAYS)) : urls;
    }
}
