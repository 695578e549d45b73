package org.hostr.nostr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class Nip98HeaderTest {
    private static final byte[] E1_JSON = Fixtures.E1.toJson().getBytes(StandardCharsets.UTF_8);

    @Test
    void standardBase64IsRead() throws Exception {
        assertThat(Nip98Header.parse("Nostr " + Base64.getEncoder().encodeToString(E1_JSON))).isEqualTo(Fixtures.E1);
    }

    @Test
    void schemeIsCaseInsensitiveAndSurroundingSpaceIgnored() throws Exception {
        assertThat(Nip98Header.parse("  nOSTR   " + Base64.getEncoder().encodeToString(E1_JSON) + " "))
                .isEqualTo(Fixtures.E1);
    }

    @Test
    void urlSafeBase64WithOrWithoutPaddingIsRead() throws Exception {
        byte[] json = Fixtures.withContent(Fixtures.E1, "??>>").toJson().getBytes(StandardCharsets.UTF_8);
        String padded = Base64.getUrlEncoder().encodeToString(json);
        String unpadded = Base64.getUrlEncoder().withoutPadding().encodeToString(json);

        assertThat(padded).containsAnyOf("-", "_");
        assertThat(Nip98Header.parse("Nostr " + padded).content()).isEqualTo("??>>");
        assertThat(Nip98Header.parse("Nostr " + unpadded).content()).isEqualTo("??>>");
    }

    @Test
    void anotherSchemeIsRefused() {
        assertMalformed("Bearer " + Base64.getEncoder().encodeToString(E1_JSON));
        assertMalformed("Noſtr " + Base64.getEncoder().encodeToString(E1_JSON));
        assertMalformed("Nostr");
        assertMalformed("");
        assertMalformed(null);
    }

    @Test
    void truncatedBase64IsRefused() {
        String token = Base64.getEncoder().encodeToString(E1_JSON);

        assertMalformed("Nostr " + token.substring(0, token.length() - 3));
        assertMalformed("Nostr " + token.substring(0, 40));
    }

    @Test
    void nonCanonicalBase64IsRefused() {
        String token = Base64.getEncoder().encodeToString(new byte[] {'{', '}', ' ', ' '});
        assertThat(token).isEqualTo("e30gIA==");

        assertMalformed("Nostr e30gIB==");
    }

    @Test
    void jsonThatIsNotAnObjectIsRefused() {
        assertMalformed("Nostr " + Base64.getEncoder().encodeToString("[1,2]".getBytes(StandardCharsets.UTF_8)));
        assertMalformed("Nostr " + Base64.getEncoder().encodeToString("null".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void invalidUtf8IsRefused() {
        assertMalformed("Nostr " + Base64.getEncoder().encodeToString(new byte[] {'{', (byte) 0xc3, '}'}));
    }

    @Test
    void tokensOverSixtyFourKibibytesAreRefusedBeforeDecoding() {
        String json = Fixtures.withContent(Fixtures.E1, "x".repeat(70_000)).toJson();

        assertThatThrownBy(() -> Nip98Header.parse(
                "Nostr " + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("65536 bytes");
    }

    private static void assertMalformed(String header) {
        assertThatThrownBy(() -> Nip98Header.parse(header)).isInstanceOf(MalformedEventException.class);
    }
}
