package org.hostr.nostr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile headers: random bytes and 10,000 mutations of a valid one. Parsing may only fail with
 * {@link MalformedEventException}, and nothing but the signed event itself may be accepted: some edits leave it
 * intact (dropping base64 padding, a space between JSON tokens, {@code "\/"} for {@code "/"}), and those rightly
 * verify.
 */
class Nip98FuzzTest {
    private static final String JSON_CHARS = "{}[]\",:0123456789abcdefxyzABCDEF-+.eE/_uPOST\u00e9\u0000 \n\\";
    private static final String BASE64_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ !";
    private final Random random = new Random(98);

    @Test
    void randomGarbageNeverThrowsUncheckedAndNeverVerifies() {
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[random.nextInt(400)];
            random.nextBytes(bytes);
            assertRefused("Nostr " + Base64.getEncoder().encodeToString(bytes));
            assertRefused("Nostr " + new String(bytes, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void tenThousandMutatedHeadersNeverThrowUncheckedAndNeverVerify() {
        byte[] json = Fixtures.E1.toJson().getBytes(StandardCharsets.UTF_8);
        String token = Base64.getEncoder().encodeToString(json);
        assertThat(Nip98.checkAuthorization("Nostr " + token, Fixtures.LOGIN_URL, "POST", Fixtures.JUST_AFTER, null)
                .accepted()).as("the unmutated header").isTrue();

        for (int i = 0; i < 10_000; i++) {
            String header = switch (i % 3) {
                case 0 -> "Nostr " + encode(mutate(new String(json, StandardCharsets.UTF_8), JSON_CHARS));
                case 1 -> "Nostr " + mutate(token, BASE64_CHARS);
                default -> "Nostr " + token.substring(0, random.nextInt(token.length()));
            };
            assertRefused(header);
        }
    }

    private void assertRefused(String header) {
        try {
            Nip98Header.parse(header);
        } catch (MalformedEventException expected) {
            // the only failure parsing may report
        } catch (RuntimeException | Error e) {
            fail("parsing threw " + e + " for header " + header, e);
        }
        Nip98Result result = Nip98.checkAuthorization(header, Fixtures.LOGIN_URL, "POST", Fixtures.JUST_AFTER, null);
        if (result instanceof Nip98Result.Accepted accepted) {
            assertThat(accepted.event()).as("accepted mutated header %s", header).isEqualTo(Fixtures.E1);
        }
    }

    /** One to three edits: replace a character with a different one, delete one, or insert one. */
    private String mutate(String s, String alphabet) {
        StringBuilder out = new StringBuilder(s);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && out.length() > 0; e++) {
            int at = random.nextInt(out.length());
            char c = alphabet.charAt(random.nextInt(alphabet.length()));
            switch (random.nextInt(3)) {
                case 0 -> out.setCharAt(at, c == out.charAt(at) ? (char) (c ^ 1) : c);
                case 1 -> out.deleteCharAt(at);
                default -> out.insert(at, c);
            }
        }
        return out.toString();
    }

    private String encode(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return random.nextBoolean()
                ? Base64.getEncoder().encodeToString(bytes)
                : Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
