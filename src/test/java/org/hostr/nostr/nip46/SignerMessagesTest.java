package org.hostr.nostr.nip46;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.hostr.nostr.EventTemplate;
import org.junit.jupiter.api.Test;

class SignerMessagesTest {

    @Test
    void requestIsIdMethodAndStringParams() {
        assertThat(SignerMessages.request("r1", "connect", List.of("ab", "s\"x")))
                .isEqualTo("{\"id\":\"r1\",\"method\":\"connect\",\"params\":[\"ab\",\"s\\\"x\"]}");
    }

    @Test
    void templateIsTheUnsignedEventWithoutPubkeyIdOrSig() {
        String json = SignerMessages.eventTemplate(new EventTemplate(27235,
                List.of(List.of("u", "https://shop.example/api/v1/auth/login"), List.of("method", "POST")), "", 1700000000));

        assertThat(json).isEqualTo("{\"kind\":27235,\"content\":\"\",\"tags\":[[\"u\",\"https://shop.example/api/v1/auth/login\"],"
                + "[\"method\",\"POST\"]],\"created_at\":1700000000}");
    }

    @Test
    void requestIdsAre128RandomBits() {
        assertThat(SignerMessages.newRequestId()).hasSize(32).isNotEqualTo(SignerMessages.newRequestId());
    }

    @Test
    void readsResultsErrorsAndAuthChallenges() {
        assertThat(SignerMessages.response("{\"id\":\"a\",\"result\":\"ack\"}"))
                .contains(new SignerResponse("a", "ack", null));
        assertThat(SignerMessages.response("{\"id\":\"a\",\"result\":null,\"error\":\"no\"}"))
                .contains(new SignerResponse("a", null, "no"));
        assertThat(SignerMessages.response("{\"id\":\"a\",\"result\":\"ack\",\"error\":\"\"}"))
                .contains(new SignerResponse("a", "ack", null));
        assertThat(SignerMessages.response("{\"id\":\"a\",\"result\":\"auth_url\",\"error\":\"https://x.example\"}")
                .orElseThrow().isAuthChallenge()).isTrue();
    }

    @Test
    void anEventGivenAsAnObjectReadsLikeOneGivenAsAString() {
        assertThat(SignerMessages.response("{\"id\":\"a\",\"result\":{\"kind\":1}}").orElseThrow().result())
                .isEqualTo("{\"kind\":1}");
    }

    @Test
    void anythingElseIsNotAResponse() {
        for (String garbage : List.of("", "not json", "[]", "\"x\"", "{}", "{\"id\":5,\"result\":\"x\"}",
                "{\"id\":\"a\",\"method\":\"connect\",\"params\":[]}", "{\"id\":\"a\",\"result\":5}",
                "{\"id\":\"a\",\"error\":[]}", "{\"id\":\"" + "a".repeat(65) + "\",\"result\":\"x\"}",
                "{\"id\":\"a\",\"id\":\"b\",\"result\":\"x\"}", "{\"id\":\"a\",\"result\":\"x\"} trailing")) {
            assertThat(SignerMessages.response(garbage)).as(garbage).isEqualTo(Optional.empty());
        }
    }
}
