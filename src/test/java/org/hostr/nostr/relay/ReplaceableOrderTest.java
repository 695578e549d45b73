package org.hostr.nostr.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hostr.nostr.NostrEvent;
import org.junit.jupiter.api.Test;

class ReplaceableOrderTest {

    private static NostrEvent event(String id, long createdAt) {
        return new NostrEvent(id, "p", createdAt, 0, List.of(), "", "s");
    }

    @Test
    void newerCreatedAtWinsWhateverTheId() {
        assertThat(ReplaceableOrder.newest(event("00", 1), event("ff", 2)).id()).isEqualTo("ff");
        assertThat(ReplaceableOrder.newest(event("ff", 2), event("00", 1)).id()).isEqualTo("ff");
    }

    @Test
    void onATieTheLowestIdWinsInEitherOrder() {
        assertThat(ReplaceableOrder.newest(event("0a", 5), event("0b", 5)).id()).isEqualTo("0a");
        assertThat(ReplaceableOrder.newest(event("0b", 5), event("0a", 5)).id()).isEqualTo("0a");
    }
}
