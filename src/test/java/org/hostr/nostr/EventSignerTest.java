package org.hostr.nostr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventSignerTest {

    @Test
    void signedEventCarriesPubkeyIdAndAVerifyingSignature() {
        EventTemplate template = new EventTemplate(27235,
                List.of(List.of("u", Fixtures.LOGIN_URL), List.of("method", "POST"),
                        List.of("challenge", Fixtures.CHALLENGE)),
                "", Fixtures.CREATED_AT);

        NostrEvent event = EventSigner.sign(template, Fixtures.SECRET_KEY_3);

        assertThat(event.pubkey()).isEqualTo(Fixtures.PUBKEY_3);
        // Same fields as E1, so the same id; the signature differs because aux randomness is fresh.
        assertThat(event.id()).isEqualTo(Fixtures.E1.id());
        assertThat(EventVerifier.verify(event)).isEqualTo(EventVerification.OK);
    }

    @Test
    void awkwardContentSurvivesSigningAndAJsonRoundTrip() throws Exception {
        String content = "a\"b\\c\nd\u0001\u001f/<>&\u00e9\ud83d\ude00\u2028";
        NostrEvent event = Fixtures.signed(1, List.of(List.of("t", "x")), content);

        NostrEvent reread = NostrEvent.fromJson(event.toJson());

        assertThat(reread).isEqualTo(event);
        assertThat(EventVerifier.verify(reread)).isEqualTo(EventVerification.OK);
    }
}
