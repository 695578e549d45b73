package org.hostr.nostr.nip46;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.UnknownHostException;
import java.util.List;
import org.hostr.nostr.Keys;
import org.junit.jupiter.api.Test;

class RelayFenceTest {
    private static final String KEY = Keys.generate().pubkey();
    private final RelayFence fence = new RelayFence(List.of("ws://127.0.0.1:7777/shop", "wss://relay.shop.example"));

    private static BunkerUri bunker(String relay) throws InvalidBunkerUriException {
        return BunkerUri.parse("bunker://" + KEY + "?relay=" + relay);
    }

    @Test
    void addressesInsideTheShopsNetworkAreRefused() {
        for (String relay : List.of("ws://10.0.0.5/", "ws://192.168.1.1:7777", "wss://169.254.169.254/latest",
                "ws://[::1]:8080", "ws://127.1/", "ws://0.0.0.0/", "ws://[fd00::1]/")) {
            assertThatThrownBy(() -> fence.admit(bunker(relay))).as(relay)
                    .isInstanceOf(InvalidBunkerUriException.class).hasMessageContaining("private or local");
        }
    }

    @Test
    void publicAddressesNamesAndTheShopsOwnRelaysPass() throws Exception {
        fence.admit(bunker("wss://relay.example.com"));
        fence.admit(bunker("wss://8.8.8.8/"));
        fence.admit(bunker("ws://127.0.0.1:9999/another-path-on-the-shops-relay-host"));
    }

    @Test
    void namesThatResolveInsideAreRefusedWhenConnecting() {
        assertThatThrownBy(() -> fence.dns().lookup("localhost")).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void theShopsOwnRelayHostResolvesWhateverItsAddress() throws Exception {
        RelayFence local = new RelayFence(List.of("ws://localhost:7777"));
        assertThat(local.dns().lookup("localhost")).isNotEmpty();
    }
}
