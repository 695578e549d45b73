package org.hostr.nostr.nip46;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.hostr.nostr.Keys;
import org.hostr.nostr.nip46.InvalidBunkerUriException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BunkerUriTest {
    private static final String KEY = Keys.generate().pubkey();

    private static Reason refusal(String text) {
        try {
            BunkerUri.parse(text);
        } catch (InvalidBunkerUriException e) {
            return e.reason();
        }
        throw new AssertionError("accepted: " + text);
    }

    @Test
    void readsKeyRelaysAndSecret() throws Exception {
        BunkerUri uri = BunkerUri.parse("  bunker://" + KEY + "?relay=wss%3A%2F%2Frelay.example.com&relay=wss://nos.example"
                + "&secret=s3cr3t&perms=sign_event\n");

        assertThat(uri.signerPubkey()).isEqualTo(KEY);
        assertThat(uri.relays()).containsExactly("wss://relay.example.com", "wss://nos.example");
        assertThat(uri.secret()).contains("s3cr3t");
    }

    @Test
    void secretIsOptionalAndDuplicateRelaysCountOnce() throws Exception {
        BunkerUri uri = BunkerUri.parse("bunker://" + KEY + "?relay=ws://127.0.0.1:7777/a&relay=ws://127.0.0.1:7777/a");

        assertThat(uri.relays()).containsExactly("ws://127.0.0.1:7777/a");
        assertThat(uri.secret()).isEqualTo(Optional.empty());
    }

    @Test
    void toStringNeverShowsTheSecret() throws Exception {
        assertThat(BunkerUri.parse("bunker://" + KEY + "?relay=wss://r.example&secret=hunter2").toString())
                .doesNotContain("hunter2").contains("<hidden>");
    }

    @Test
    void eachMalformedUriGetsItsOwnReason() {
        String relay = "?relay=wss://relay.example.com";
        assertThat(refusal(null)).isEqualTo(Reason.NOT_BUNKER);
        assertThat(refusal("nostrconnect://" + KEY + relay)).isEqualTo(Reason.NOT_BUNKER);
        assertThat(refusal("bunker://" + KEY + relay + "&x=" + "a".repeat(BunkerUri.MAX_CHARS))).isEqualTo(Reason.TOO_LONG);
        assertThat(refusal("bunker://" + KEY.toUpperCase() + relay)).isEqualTo(Reason.BAD_PUBKEY);
        assertThat(refusal("bunker://" + KEY.substring(2) + relay)).isEqualTo(Reason.BAD_PUBKEY);
        assertThat(refusal("bunker://zz" + KEY.substring(2) + relay)).isEqualTo(Reason.BAD_PUBKEY);
        assertThat(refusal("bunker://" + KEY)).isEqualTo(Reason.NO_RELAY);
        assertThat(refusal("bunker://" + KEY + "?secret=abc")).isEqualTo(Reason.NO_RELAY);
        assertThat(refusal("bunker://" + KEY + "?relay=https://relay.example.com")).isEqualTo(Reason.BAD_RELAY);
        assertThat(refusal("bunker://" + KEY + "?relay=wss://user:pw@relay.example.com")).isEqualTo(Reason.BAD_RELAY);
        assertThat(refusal("bunker://" + KEY + "?relay=wss://")).isEqualTo(Reason.BAD_RELAY);
        assertThat(refusal("bunker://" + KEY + relay + "&secret=has%20space")).isEqualTo(Reason.BAD_SECRET);
        assertThat(refusal("bunker://" + KEY + relay + "&secret=a&secret=b")).isEqualTo(Reason.MALFORMED);
        assertThat(refusal("bunker://" + KEY + relay + "&relay=%zz")).isEqualTo(Reason.MALFORMED);
        assertThat(refusal("bunker://" + KEY + relay + "#fragment")).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void atMostEightRelays() {
        StringBuilder uri = new StringBuilder("bunker://" + KEY + "?");
        for (int i = 0; i <= BunkerUri.MAX_RELAYS; i++) {
            uri.append("relay=wss://r").append(i).append(".example&");
        }
        assertThat(refusal(uri.toString())).isEqualTo(Reason.TOO_MANY_RELAYS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000000000000000000000000000000000000000000000000000000000000000",
            "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"})
    void aKeyOffTheCurveIsRefusedBeforeAnythingIsEncryptedToIt(String key) {
        assertThat(refusal("bunker://" + key + "?relay=wss://relay.example.com")).isEqualTo(Reason.BAD_PUBKEY);
    }

    @Test
    void theMessageNeverQuotesTheUri() {
        assertThatThrownBy(() -> BunkerUri.parse("bunker://" + KEY + "?relay=wss://r.example&secret=hunter%202"))
                .isInstanceOf(InvalidBunkerUriException.class)
                .hasMessageNotContaining("hunter")
                .satisfies(e -> assertThat(((InvalidBunkerUriException) e).code()).isEqualTo("bad_secret"));
    }

    @Test
    void relaysKeepTheirOrder() throws Exception {
        assertThat(BunkerUri.parse("bunker://" + KEY + "?relay=wss://b.example&relay=wss://a.example").relays())
                .isEqualTo(List.of("wss://b.example", "wss://a.example"));
    }
}
