package org.hostr.nostr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The 19 official BIP-340 vectors (bitcoin/bips bip-0340/test-vectors.csv, CRLF, kept byte for byte). */
class Bip340VectorsTest {

    record Vector(int index, String secretKey, String publicKey, String auxRand, String message, String signature,
            boolean valid, String comment) {
        @Override
        public String toString() {
            return "vector " + index + (comment.isEmpty() ? "" : " (" + comment + ")");
        }
    }

    static Stream<Vector> vectors() throws IOException {
        try (InputStream in = Bip340VectorsTest.class.getResourceAsStream("/nostr/bip340-test-vectors.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().skip(1).toList();
            return lines.stream().map(line -> line.split(",", -1)).map(f -> new Vector(Integer.parseInt(f[0]),
                    lower(f[1]), lower(f[2]), lower(f[3]), lower(f[4]), lower(f[5]), f[6].equals("TRUE"), f[7]));
        }
    }

    @Test
    void theFileHoldsAllNineteenVectors() throws IOException {
        assertThat(vectors()).hasSize(19);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verificationMatchesTheExpectedResult(Vector v) {
        assertThat(Schnorr.verify(bytes(v.publicKey()), bytes(v.message()), bytes(v.signature())))
                .isEqualTo(v.valid());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void signingWithTheGivenAuxRandReproducesTheSignatureAndPublicKey(Vector v) {
        if (v.secretKey().isEmpty()) {
            return; // verification-only vector
        }
        byte[] secretKey = bytes(v.secretKey());

        assertThat(Hex.encode(Schnorr.publicKey(secretKey))).isEqualTo(v.publicKey());
        assertThat(Hex.encode(Schnorr.sign(secretKey, bytes(v.message()), bytes(v.auxRand()))))
                .isEqualTo(v.signature());
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static byte[] bytes(String hex) {
        return Hex.decode(hex, hex.length() / 2);
    }
}
