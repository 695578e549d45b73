package org.hostr.nostr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Every case of the published NIP-44 v2 vector file (copied from the shared specs), read from the JSON so no case
 * can be left out by hand. Each case is its own dynamic test, named after its section and index or note.
 */
class Nip44VectorsTest {
    private static final JsonNode V2 = load().path("v2");
    private static final JsonNode VALID = V2.path("valid");
    private static final JsonNode INVALID = V2.path("invalid");

    @Test
    void theVectorFileHasOnlySectionsThisTestRuns() {
        assertThat(fieldNames(VALID)).containsExactlyInAnyOrder("get_conversation_key", "get_message_keys",
                "calc_padded_len", "encrypt_decrypt", "encrypt_decrypt_long_msg");
        assertThat(fieldNames(INVALID)).containsExactlyInAnyOrder("encrypt_msg_lengths", "decrypt_msg_lengths",
                "get_conversation_key", "decrypt");
        for (JsonNode section : List.of(VALID.path("get_conversation_key"), VALID.path("get_message_keys").path("keys"),
                VALID.path("calc_padded_len"), VALID.path("encrypt_decrypt"), INVALID.path("encrypt_msg_lengths"),
                INVALID.path("decrypt_msg_lengths"), INVALID.path("get_conversation_key"), INVALID.path("decrypt"))) {
            assertThat(section.isArray() && !section.isEmpty()).as("non-empty section").isTrue();
        }
    }

    @TestFactory
    Stream<DynamicTest> conversationKeysMatch() {
        return cases("valid get_conversation_key", VALID.path("get_conversation_key"), v -> () ->
                assertThat(Hex.encode(Nip44.conversationKey(bytes(v, "sec1"), v.path("pub2").asText())))
                        .isEqualTo(v.path("conversation_key").asText()));
    }

    @TestFactory
    Stream<DynamicTest> messageKeysMatch() {
        byte[] conversationKey = bytes(VALID.path("get_message_keys"), "conversation_key");
        return cases("valid get_message_keys", VALID.path("get_message_keys").path("keys"), v -> () -> {
            Nip44Keys.MessageKeys keys = Nip44Keys.messageKeys(conversationKey, bytes(v, "nonce"));

            assertThat(Hex.encode(keys.chachaKey())).isEqualTo(v.path("chacha_key").asText());
            assertThat(Hex.encode(keys.chachaNonce())).isEqualTo(v.path("chacha_nonce").asText());
            assertThat(Hex.encode(keys.hmacKey())).isEqualTo(v.path("hmac_key").asText());
        });
    }

    @TestFactory
    Stream<DynamicTest> paddedLengthsMatch() {
        return cases("valid calc_padded_len", VALID.path("calc_padded_len"), v -> () ->
                assertThat(Nip44Padding.paddedLength(v.get(0).asInt())).isEqualTo(v.get(1).asInt()));
    }

    /** As the NIP's guidance says: encrypt from sec1 to pub2, then decrypt from sec2 with pub1. */
    @TestFactory
    Stream<DynamicTest> messagesEncryptToThePublishedPayloadAndDecryptBack() {
        return cases("valid encrypt_decrypt", VALID.path("encrypt_decrypt"), v -> () -> {
            String conversationKey = v.path("conversation_key").asText();
            byte[] sec1 = bytes(v, "sec1");
            byte[] sec2 = bytes(v, "sec2");

            byte[] senderSide = Nip44.conversationKey(sec1, Keys.publicKeyHex(sec2));
            byte[] recipientSide = Nip44.conversationKey(sec2, Keys.publicKeyHex(sec1));

            assertThat(Hex.encode(senderSide)).isEqualTo(conversationKey);
            assertThat(Hex.encode(recipientSide)).isEqualTo(conversationKey);
            assertThat(Nip44.encrypt(v.path("plaintext").asText(), senderSide, bytes(v, "nonce")))
                    .isEqualTo(v.path("payload").asText());
            assertThat(Nip44.decrypt(v.path("payload").asText(), recipientSide))
                    .isEqualTo(v.path("plaintext").asText());
        });
    }

    /**
     * Long messages are given as a repeated unit and checksums. One within the u16 limit must round-trip and match
     * its checksums; one beyond it must be refused, exactly as {@code invalid.encrypt_msg_lengths} demands (this
     * implementation writes only the 2-byte length prefix every NIP-44 reader understands).
     */
    @TestFactory
    Stream<DynamicTest> longMessagesRoundTripOrAreRefusedBeyondTheLengthPrefix() {
        return cases("valid encrypt_decrypt_long_msg", VALID.path("encrypt_decrypt_long_msg"), v -> () -> {
            String unit = v.has("pattern") ? v.path("pattern").asText() : v.path("letter").asText();
            String plaintext = unit.repeat(v.path("repeat").asInt());
            byte[] utf8 = plaintext.getBytes(StandardCharsets.UTF_8);
            byte[] conversationKey = bytes(v, "conversation_key");
            byte[] nonce = bytes(v, "nonce");
            assertThat(unit).isNotEmpty();
            if (v.has("plaintext_sha256")) {
                assertThat(Hex.encode(EventSerializer.sha256(utf8))).isEqualTo(v.path("plaintext_sha256").asText());
            }

            if (utf8.length > Nip44Padding.MAX_PLAINTEXT_BYTES) {
                assertThatThrownBy(() -> Nip44.encrypt(plaintext, conversationKey, nonce))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65535 bytes");
                return;
            }
            String payload = Nip44.encrypt(plaintext, conversationKey, nonce);
            String payloadChecksum = v.has("payload_sha256")
                    ? v.path("payload_sha256").asText() : v.path("payload_checksum_sha256").asText();
            assertThat(payloadChecksum).as("the vector's payload checksum").isNotEmpty();
            assertThat(Hex.encode(EventSerializer.sha256(payload.getBytes(StandardCharsets.US_ASCII))))
                    .isEqualTo(payloadChecksum);
            assertThat(Nip44.decrypt(payload, conversationKey)).isEqualTo(plaintext);
        });
    }

    @TestFactory
    Stream<DynamicTest> messagesOfAnInvalidLengthAreRefused() {
        byte[] conversationKey = bytes(VALID.path("encrypt_decrypt").get(0), "conversation_key");
        return cases("invalid encrypt_msg_lengths", INVALID.path("encrypt_msg_lengths"), v -> () ->
                assertThatThrownBy(() -> Nip44.encrypt("a".repeat(v.asInt()), conversationKey, new byte[32]))
                        .isInstanceOf(IllegalArgumentException.class));
    }

    /** Raw payloads of these sizes, starting with a valid version byte, so only the size check can refuse them. */
    @TestFactory
    Stream<DynamicTest> payloadsOfAnInvalidLengthAreRefused() {
        byte[] conversationKey = bytes(VALID.path("encrypt_decrypt").get(0), "conversation_key");
        return cases("invalid decrypt_msg_lengths", INVALID.path("decrypt_msg_lengths"), v -> () -> {
            byte[] raw = new byte[v.asInt()];
            if (raw.length > 0) {
                raw[0] = 2;
            }
            String payload = Base64.getEncoder().encodeToString(raw);

            assertThatThrownBy(() -> Nip44.decrypt(payload, conversationKey))
                    .isInstanceOfSatisfying(InvalidPayloadException.class, e -> assertThat(e.reason())
                            .isIn(InvalidPayloadException.Reason.BAD_LENGTH,
                                    InvalidPayloadException.Reason.UNKNOWN_VERSION));
        });
    }

    @TestFactory
    Stream<DynamicTest> invalidKeysGiveNoConversationKey() {
        return cases("invalid get_conversation_key", INVALID.path("get_conversation_key"), v -> () ->
                assertThatThrownBy(() -> Nip44.conversationKey(bytes(v, "sec1"), v.path("pub2").asText()))
                        .isInstanceOf(IllegalArgumentException.class));
    }

    /** Each case must fail for the reason its note gives, not merely fail. */
    @TestFactory
    Stream<DynamicTest> invalidPayloadsAreRejectedForTheStatedReason() {
        return cases("invalid decrypt", INVALID.path("decrypt"), v -> () -> {
            String note = v.path("note").asText();
            assertThatThrownBy(() -> Nip44.decrypt(v.path("payload").asText(), bytes(v, "conversation_key")))
                    .isInstanceOfSatisfying(InvalidPayloadException.class, e -> Arrays
                            .stream(InvalidPayloadException.Reason.values())
                            .filter(reason -> note.startsWith(reason.description()))
                            .findFirst()
                            .ifPresent(expected -> assertThat(e.reason()).as(note).isEqualTo(expected)));
        });
    }

    private static Stream<DynamicTest> cases(String section, JsonNode vectors, Function<JsonNode, Executable> check) {
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            JsonNode v = vectors.get(i);
            String name = section + " #" + i + (v.has("note") ? " (" + v.path("note").asText() + ")" : "");
            tests.add(dynamicTest(name, check.apply(v)));
        }
        return tests.stream();
    }

    private static byte[] bytes(JsonNode v, String field) {
        String hex = v.path(field).asText();
        return Hex.decode(hex, hex.length() / 2);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static JsonNode load() {
        try (InputStream in = Nip44VectorsTest.class.getResourceAsStream("/nostr/nip44-vectors.json")) {
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("nostr/nip44-vectors.json is missing from the test resources", e);
        }
    }
}
