package org.hostr.nostr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventVerifierTest {

    @Test
    void nostrToolsLoginEventE1Verifies() {
        assertThat(EventVerifier.verify(Fixtures.E1)).isEqualTo(EventVerification.OK);
    }

    @Test
    void changedContentBreaksTheId() {
        assertThat(EventVerifier.verify(Fixtures.withContent(Fixtures.E1, "x")))
                .isEqualTo(EventVerification.BAD_ID);
    }

    @Test
    void changedTagValueBreaksTheId() {
        NostrEvent tampered = Fixtures.withTags(Fixtures.E1, List.of(
                List.of("u", "https://evil.example.com/auth/nostr/login"), List.of("method", "POST"),
                List.of("challenge", Fixtures.CHALLENGE)));

        assertThat(EventVerifier.verify(tampered)).isEqualTo(EventVerification.BAD_ID);
    }

    @Test
    void changedCreatedAtBreaksTheId() {
        assertThat(EventVerifier.verify(Fixtures.withCreatedAt(Fixtures.E1, Fixtures.CREATED_AT + 1)))
                .isEqualTo(EventVerification.BAD_ID);
    }

    @Test
    void theExampleEventInNip98DoesNotVerify() {
        assertThat(EventSerializer.eventId(Fixtures.NIP98_EXAMPLE)).startsWith("2dd2dfec").endsWith("4c76");
        assertThat(EventVerifier.verify(Fixtures.NIP98_EXAMPLE)).isEqualTo(EventVerification.BAD_ID);
    }

    @Test
    void aSignatureOfAnotherEventIsABadSignature() {
        NostrEvent other = Fixtures.signed(1, List.of(), "other");

        assertThat(EventVerifier.verify(Fixtures.withSig(Fixtures.E1, other.sig())))
                .isEqualTo(EventVerification.BAD_SIGNATURE);
    }

    @Test
    void uppercaseOrShortHexFailsWithoutThrowing() {
        assertThat(EventVerifier.verify(Fixtures.withSig(Fixtures.E1, Fixtures.E1.sig().toUpperCase())))
                .isEqualTo(EventVerification.BAD_SIGNATURE);
        assertThat(EventVerifier.verify(Fixtures.withSig(Fixtures.E1, "abc")))
                .isEqualTo(EventVerification.BAD_SIGNATURE);
        NostrEvent shortId = new NostrEvent("ef85", Fixtures.PUBKEY_3, Fixtures.CREATED_AT, 27235,
                Fixtures.E1.tags(), "", Fixtures.E1.sig());
        assertThat(EventVerifier.verify(shortId)).isEqualTo(EventVerification.BAD_ID);
    }
}
