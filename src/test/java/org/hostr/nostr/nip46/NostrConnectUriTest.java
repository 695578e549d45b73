package org.hostr.nostr.nip46;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.hostr.nostr.Keys;
import org.junit.jupiter.api.Test;

class NostrConnectUriTest {
    private static final String CLIENT = Keys.generate().pubkey();

    @Test
    void carriesClientKeyRelaysSecretPermissionsAndShopName() {
        String uri = NostrConnectUri.of(CLIENT, List.of("wss://relay.example.com", "wss://nos.example"), "abc123",
                NostrConnectUri.LOGIN_PERMISSIONS, "Hostr & Co");

        assertThat(uri).isEqualTo("nostrconnect://" + CLIENT
                + "?relay=wss%3A%2F%2Frelay.example.com&relay=wss%3A%2F%2Fnos.example&secret=abc123"
                + "&perms=sign_event%3A27235&name=Hostr%20%26%20Co");
    }

    @Test
    void listsEachRelayOnceAndAtMostEight() {
        List<String> relays = new java.util.ArrayList<>(List.of("wss://dup.example", "wss://dup.example"));
        for (int i = 0; i < 10; i++) {
            relays.add("wss://r" + i + ".example");
        }
        String uri = NostrConnectUri.of(CLIENT, relays, "s", "p", "n");

        assertThat(uri.split("relay=", -1)).hasSize(NostrConnectUri.MAX_RELAYS + 1);
        assertThat(uri).containsOnlyOnce("dup.example");
    }

    @Test
    void refusesWhatASignerCouldNotUse() {
        assertThatThrownBy(() -> NostrConnectUri.of("ABC", List.of("wss://r.example"), "s", "p", "n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NostrConnectUri.of(CLIENT, List.of(), "s", "p", "n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NostrConnectUri.of(CLIENT, List.of("wss://r.example"), "", "p", "n"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
