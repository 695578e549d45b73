package org.hostr.nostr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** BIP-173's own valid and invalid strings, independent of NIP-19. */
class Bech32Test {

    @ParameterizedTest
    @ValueSource(strings = {"A12UEL5L", "a12uel5l", "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
            "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w"})
    void bip173ValidStringsHaveAValidChecksum(String valid) throws Exception {
        assertThat(Bech32.decode(valid).hrp()).isEqualTo(valid.substring(0, valid.lastIndexOf('1')).toLowerCase(Locale.ROOT));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "pzry9x0s0muk", "1pzry9x0s0muk", "x1b4n0q5v", "li1dgmt3", "A1G7SGD8", "10a06t8", "1qzzfhee"})
    void bip173InvalidStringsAreRefused(String invalid) {
        assertThatThrownBy(() -> Bech32.decode(invalid)).isInstanceOf(InvalidNip19Exception.class);
    }

    @Test
    void encodeThenDecodeGivesBackTheBytes() throws Exception {
        byte[] data = {0, 1, 2, (byte) 0xff, 42};

        Bech32.Decoded decoded = Bech32.decode(Bech32.encode("test", data));

        assertThat(decoded.hrp()).isEqualTo("test");
        assertThat(decoded.data()).containsExactly(data);
    }
}
