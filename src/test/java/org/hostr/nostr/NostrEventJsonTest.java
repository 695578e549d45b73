package org.hostr.nostr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NostrEventJsonTest {
    private static final String E1_JSON = Fixtures.E1.toJson();

    @Test
    void toJsonWritesNip01FieldsInOrder() {
        assertThat(E1_JSON).startsWith("{\"id\":\"ef8593ce").contains(",\"created_at\":1700000000,\"kind\":27235,")
                .endsWith("\"sig\":\"" + Fixtures.E1.sig() + "\"}");
    }

    @Test
    void wellFormedEventRoundTrips() throws Exception {
        assertThat(NostrEvent.fromJson(E1_JSON)).isEqualTo(Fixtures.E1);
    }

    @Test
    void fieldOrderAndWhitespaceDoNotMatter() throws Exception {
        String json = "{ \"sig\": \"" + Fixtures.E1.sig() + "\", \"content\": \"\", \"tags\": [[\"u\", \""
                + Fixtures.LOGIN_URL + "\"], [\"method\", \"POST\"], [\"challenge\", \"" + Fixtures.CHALLENGE
                + "\"]],\n \"kind\": 27235, \"created_at\": 1700000000, \"pubkey\": \"" + Fixtures.PUBKEY_3
                + "\", \"id\": \"" + Fixtures.E1.id() + "\" }";

        assertThat(NostrEvent.fromJson(json)).isEqualTo(Fixtures.E1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "pubkey", "created_at", "kind", "tags", "content", "sig"})
    void everyFieldIsRequired(String field) {
        String json = E1_JSON.replace("\"" + field + "\":", "\"x_" + field + "\":");

        assertMalformed(json, "\"" + field + "\"");
    }

    @Test
    void createdAtMustBeAnInteger() {
        assertMalformed(E1_JSON.replace("1700000000", "\"1700000000\""), "created_at");
        assertMalformed(E1_JSON.replace("1700000000", "1700000000.5"), "created_at");
        assertMalformed(E1_JSON.replace("1700000000", "1.7e9"), "created_at");
        assertMalformed(E1_JSON.replace("1700000000", "-1"), "created_at");
        assertMalformed(E1_JSON.replace("1700000000", "99999999999999999999999"), "created_at");
    }

    @Test
    void kindMustBeAnIntegerUpTo65535() {
        assertMalformed(E1_JSON.replace("27235", "65536"), "kind");
        assertMalformed(E1_JSON.replace("27235", "27235.0"), "kind");
        assertMalformed(E1_JSON.replace("27235", "null"), "kind");
    }

    @Test
    void hexMustBeLowercaseAndTheRightLength() {
        assertMalformed(E1_JSON.replace(Fixtures.E1.id(), Fixtures.E1.id().toUpperCase()), "id");
        assertMalformed(E1_JSON.replace(Fixtures.PUBKEY_3, Fixtures.PUBKEY_3 + "00"), "pubkey");
        assertMalformed(E1_JSON.replace(Fixtures.E1.sig(), Fixtures.E1.sig().substring(2)), "sig");
        assertMalformed(E1_JSON.replace(Fixtures.PUBKEY_3, "g" + Fixtures.PUBKEY_3.substring(1)), "pubkey");
    }

    @Test
    void tagsMustBeArraysOfStrings() {
        assertMalformed(E1_JSON.replace("[\"method\",\"POST\"]", "[\"method\",1]"), "tags");
        assertMalformed(E1_JSON.replace("[\"method\",\"POST\"]", "\"method\""), "tags");
        assertMalformed(E1_JSON.replace("[\"method\",\"POST\"]", "[\"method\",null]"), "tags");
    }

    @Test
    void duplicateKeysAreRefused() {
        assertMalformed(E1_JSON.replace("{\"id\":", "{\"content\":\"hidden\",\"id\":"), "JSON");
    }

    @Test
    void notAnObjectOrNotJsonIsRefused() {
        assertMalformed("[" + E1_JSON + "]", "object");
        assertMalformed("\"text\"", "object");
        assertMalformed("", "object");
        assertMalformed(E1_JSON + " {}", "JSON");
        assertMalformed(E1_JSON.substring(0, 100), "JSON");
        assertMalformed("{'id':1}", "JSON");
    }

    @Test
    void deepNestingIsRefusedWithoutOverflowingTheStack() {
        String deep = "{\"tags\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        assertMalformed(deep, "JSON");
    }

    private static void assertMalformed(String json, String messagePart) {
        assertThatThrownBy(() -> NostrEvent.fromJson(json))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining(messagePart)
                .extracting(e -> ((NostrException) e).code()).isEqualTo("malformed_event");
    }
}
