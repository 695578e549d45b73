package org.hostr.nostr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectMessageTest {
    private static final Instant SENT_AT = Instant.parse("2026-03-01T12:00:00Z");
    private static final NostrKeyPair SHOP = Keys.generate();
    private static final NostrKeyPair CUSTOMER = Keys.generate();

    @Test
    void aDirectMessageIsAKind14RumorToTheRecipientAtTheRealTime() {
        Rumor rumor = DirectMessage.rumor(SHOP.pubkey(), CUSTOMER.pubkey(), "Invoice INV-7", "Paid, thank you.",
                SENT_AT);

        assertThat(rumor.kind()).isEqualTo(14);
        assertThat(rumor.pubkey()).isEqualTo(SHOP.pubkey());
        assertThat(rumor.createdAt()).isEqualTo(SENT_AT.getEpochSecond());
        assertThat(rumor.tags()).isEqualTo(List.of(List.of("p", CUSTOMER.pubkey()),
                List.of("subject", "Invoice INV-7")));
        assertThat(rumor.content()).isEqualTo("Paid, thank you.");
        assertThat(rumor.hasValidId()).isTrue();
    }

    @Test
    void aRumorReadsBackFromItsJsonWithoutASignature() throws Exception {
        Rumor rumor = DirectMessage.rumor(SHOP.pubkey(), CUSTOMER.pubkey(), null, "line\nbreak \"quoted\"", SENT_AT);

        assertThat(rumor.toJson()).doesNotContain("\"sig\"");
        assertThat(Rumor.fromJson(rumor.toJson())).isEqualTo(rumor);
    }

    @Test
    void emptyTextIsRefused() {
        assertThatThrownBy(() -> DirectMessage.rumor(SHOP.pubkey(), CUSTOMER.pubkey(), null, "", SENT_AT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLongestMessageThatFitsIsWrappedAndOneByteMoreIsRefused() throws Exception {
        String longest = textFillingTheRumorTo(DirectMessage.MAX_RUMOR_JSON_BYTES);
        Rumor rumor = DirectMessage.rumor(SHOP.pubkey(), CUSTOMER.pubkey(), null, longest, SENT_AT);
        GiftWrapper wrapper = new GiftWrapper(Clock.systemUTC(), new SecureRandom());

        Rumor opened = GiftUnwrapper.unwrap(wrapper.wrap(rumor, SHOP, CUSTOMER.pubkey()), CUSTOMER.secretKey());

        assertThat(opened.content()).isEqualTo(longest);
        assertThatThrownBy(() -> DirectMessage.rumor(SHOP.pubkey(), CUSTOMER.pubkey(), null, longest + "x", SENT_AT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too long");
    }

    /** Text that makes the rumor's JSON exactly {@code jsonBytes} long. */
    private static String textFillingTheRumorTo(int jsonBytes) {
        int overhead = DirectMessage.rumor(SHOP.pubkey(), CUSTOMER.pubkey(), null, "x", SENT_AT).toJson().length() - 1;
        return "x".repeat(jsonBytes - overhead);
    }
}
