package org.hostr.nostr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Behaviour around the vectors: what a caller sees when a payload is for someone else or was altered. */
class Nip44Test {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final NostrKeyPair SHOP = Keys.generate();
    private static final NostrKeyPair CUSTOMER = Keys.generate();
    private static final NostrKeyPair STRANGER = Keys.generate();

    @Test
    void theRecipientReadsWhatTheSenderWrote() throws Exception {
        String payload = Nip44.encrypt("Your invoice INV-7 is paid ⚡", key(SHOP, CUSTOMER), RANDOM);

        assertThat(Nip44.decrypt(payload, key(CUSTOMER, SHOP))).isEqualTo("Your invoice INV-7 is paid ⚡");
    }

    @Test
    void theSameTextEncryptsDifferentlyEveryTime() {
        byte[] key = key(SHOP, CUSTOMER);

        assertThat(Nip44.encrypt("same", key, RANDOM)).isNotEqualTo(Nip44.encrypt("same", key, RANDOM));
    }

    @Test
    void aStrangersKeyFailsTheMacCheck() {
        String payload = Nip44.encrypt("for the customer only", key(SHOP, CUSTOMER), RANDOM);

        assertThatThrownBy(() -> Nip44.decrypt(payload, key(STRANGER, SHOP)))
                .isInstanceOfSatisfying(InvalidPayloadException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidPayloadException.Reason.BAD_MAC));
    }

    @Test
    void aFlippedCiphertextBitFailsTheMacCheck() {
        byte[] raw = Base64.getDecoder().decode(Nip44.encrypt("amount: 1000 sats", key(SHOP, CUSTOMER), RANDOM));
        raw[40] ^= 1;
        String tampered = Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> Nip44.decrypt(tampered, key(CUSTOMER, SHOP)))
                .isInstanceOfSatisfying(InvalidPayloadException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidPayloadException.Reason.BAD_MAC));
    }

    @Test
    void theErrorNamesTheCheckButNotThePayloadOrKey() {
        byte[] key = key(STRANGER, SHOP);
        String payload = Nip44.encrypt("secret words", key(SHOP, CUSTOMER), RANDOM);

        assertThatThrownBy(() -> Nip44.decrypt(payload, key))
                .hasMessage("NIP-44 payload rejected: invalid MAC")
                .hasNoCause();
    }

    @Test
    void textThatIsNotValidUnicodeIsRefusedRatherThanAltered() {
        assertThatThrownBy(() -> Nip44.encrypt("broken \uD800 surrogate", key(SHOP, CUSTOMER), RANDOM))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPublicKeyThatIsNotLowercaseHexIsRefused() {
        assertThatThrownBy(() -> Nip44.conversationKey(SHOP.secretKey(), CUSTOMER.pubkey().toUpperCase()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] key(NostrKeyPair mine, NostrKeyPair theirs) {
        return Nip44.conversationKey(mine.secretKey(), theirs.pubkey());
    }
}
