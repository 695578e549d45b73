package org.hostr.nostr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SchnorrTest {
    private static final byte[] MESSAGE = new byte[32];

    @Test
    void verifyReturnsFalseRatherThanThrowingOnNullsAndWrongLengths() {
        byte[] pk = Schnorr.publicKey(Fixtures.SECRET_KEY_3);
        byte[] sig = Schnorr.sign(Fixtures.SECRET_KEY_3, MESSAGE);

        assertThat(Schnorr.verify(null, MESSAGE, sig)).isFalse();
        assertThat(Schnorr.verify(pk, null, sig)).isFalse();
        assertThat(Schnorr.verify(pk, MESSAGE, null)).isFalse();
        assertThat(Schnorr.verify(new byte[31], MESSAGE, sig)).isFalse();
        assertThat(Schnorr.verify(pk, MESSAGE, new byte[63])).isFalse();
        assertThat(Schnorr.verify(new byte[32], MESSAGE, sig)).isFalse();
    }

    @Test
    void verifyReturnsFalseForRandomKeysAndSignatures() {
        Random random = new Random(340);
        for (int i = 0; i < 200; i++) {
            byte[] pk = new byte[32];
            byte[] sig = new byte[64];
            random.nextBytes(pk);
            random.nextBytes(sig);

            assertThat(Schnorr.verify(pk, MESSAGE, sig)).isFalse();
        }
    }

    @Test
    void randomAuxSignaturesDifferButBothVerify() {
        byte[] first = Schnorr.sign(Fixtures.SECRET_KEY_3, MESSAGE);
        byte[] second = Schnorr.sign(Fixtures.SECRET_KEY_3, MESSAGE);

        assertThat(first).isNotEqualTo(second);
        assertThat(Schnorr.verify(Schnorr.publicKey(Fixtures.SECRET_KEY_3), MESSAGE, first)).isTrue();
        assertThat(Schnorr.verify(Schnorr.publicKey(Fixtures.SECRET_KEY_3), MESSAGE, second)).isTrue();
    }

    @Test
    void zeroAndCurveOrderAreNotSecretKeys() {
        byte[] order = Hex.decode("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 32);

        assertThat(Schnorr.isValidSecretKey(new byte[32])).isFalse();
        assertThat(Schnorr.isValidSecretKey(order)).isFalse();
        assertThatThrownBy(() -> Schnorr.sign(order, MESSAGE)).isInstanceOf(IllegalArgumentException.class);
    }
}
