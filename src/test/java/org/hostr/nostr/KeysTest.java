package org.hostr.nostr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void secretKeyThreeHasTheKnownPublicKey() {
        assertThat(Keys.publicKeyHex(Fixtures.SECRET_KEY_3)).isEqualTo(Fixtures.PUBKEY_3);
    }

    @Test
    void generatedPairsAreFreshAndConsistent() {
        NostrKeyPair first = Keys.generate();
        NostrKeyPair second = Keys.generate();

        assertThat(first.pubkey()).isEqualTo(Keys.publicKeyHex(first.secretKey()));
        assertThat(first.pubkey()).isNotEqualTo(second.pubkey());
        assertThat(Schnorr.isValidSecretKey(first.secretKey())).isTrue();
    }

    @Test
    void keyPairNeverPrintsItsSecret() {
        NostrKeyPair pair = new NostrKeyPair(Fixtures.SECRET_KEY_3, Fixtures.PUBKEY_3);

        assertThat(pair.toString()).contains(Fixtures.PUBKEY_3).doesNotContain("0000000003").contains("hidden");
    }
}
