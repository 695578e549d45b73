package org.hostr.nostr.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hostr.nostr.EventSigner;
import org.hostr.nostr.EventTemplate;
import org.hostr.nostr.NostrEvent;
import org.junit.jupiter.api.Test;

class DmRelayListTest {

    @Test
    void onlyDistinctWebSocketUrlsFromRelayTagsAreKept() {
        NostrEvent event = list(List.of(
                List.of("relay", "wss://inbox.example.com"),
                List.of("relay", "wss://inbox.example.com"),
                List.of("relay", "ws://127.0.0.1:7777/"),
                List.of("relay", "https://not-a-relay.example.com"),
                List.of("relay", "wss://"),
                List.of("relay", "wss://" + "a".repeat(DmRelayList.MAX_URL_CHARS) + ".example.com"),
                List.of("r", "wss://outbox.example.com"),
                List.of("relay")));

        DmRelayList list = DmRelayList.fromEvent(event);

        assertThat(list.relays()).containsExactly("wss://inbox.example.com", "ws://127.0.0.1:7777/");
        assertThat(list.pubkey()).isEqualTo(event.pubkey());
        assertThat(list.createdAt()).isEqualTo(Instant.ofEpochSecond(1_000));
    }

    @Test
    void aLongListIsCutToTheRelayLimit() {
        List<List<String>> tags = new ArrayList<>();
        for (int i = 0; i < RelayUrls.MAX_RELAYS + 5; i++) {
            tags.add(List.of("relay", "wss://r" + i + ".example.com"));
        }

        assertThat(DmRelayList.fromEvent(list(tags)).relays()).hasSize(RelayUrls.MAX_RELAYS)
                .startsWith("wss://r0.example.com");
    }

    @Test
    void anEventOfAnotherKindIsNotADmRelayList() {
        NostrEvent note = EventSigner.sign(new EventTemplate(10002, List.of(), "", 1_000),
                ProfileEvents.ALICE.secretKey());

        assertThatThrownBy(() -> DmRelayList.fromEvent(note)).isInstanceOf(IllegalArgumentException.class);
    }

    private static NostrEvent list(List<List<String>> tags) {
        return EventSigner.sign(new EventTemplate(DmRelayList.KIND, tags, "", 1_000), ProfileEvents.ALICE.secretKey());
    }
}
