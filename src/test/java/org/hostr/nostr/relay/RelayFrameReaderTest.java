package org.hostr.nostr.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.hostr.nostr.NostrEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RelayFrameReaderTest {

    @Test
    void readsAnEventWithItsSubscription() {
        NostrEvent event = ProfileEvents.profile(ProfileEvents.ALICE, 1_000, "alice");

        RelayFrame frame = RelayFrameReader.read(TestRelay.event("sub1", event.toJson()));

        assertThat(frame).isEqualTo(new RelayFrame.Event("sub1", event));
    }

    @Test
    void readsEoseClosedAndNotice() {
        assertThat(RelayFrameReader.read("[\"EOSE\",\"s\"]")).isEqualTo(new RelayFrame.EndOfStoredEvents("s"));
        assertThat(RelayFrameReader.read("[\"CLOSED\",\"s\",\"auth-required: sign in\"]"))
                .isEqualTo(new RelayFrame.Closed("s", "auth-required: sign in"));
        assertThat(RelayFrameReader.read("[\"NOTICE\",\"slow down\"]")).isEqualTo(new RelayFrame.Notice("slow down"));
    }

    @Test
    void readsAVerdictOnAPublishedEventAndAnAuthChallenge() {
        String id = "a".repeat(64);

        assertThat(RelayFrameReader.read("[\"OK\",\"" + id + "\",false,\"blocked: spam\"]"))
                .isEqualTo(new RelayFrame.Ok(id, false, "blocked: spam"));
        assertThat(RelayFrameReader.read("[\"OK\",\"" + id + "\",true]")).isEqualTo(new RelayFrame.Ok(id, true, ""));
        assertThat(RelayFrameReader.read("[\"AUTH\",\"c1\"]")).isEqualTo(new RelayFrame.Auth("c1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "nope", "{}", "[]", "[1]", "[\"EVENT\",\"s\"]", "[\"EVENT\",\"s\",{}]",
            "[\"EVENT\",1,{}]", "[\"EOSE\"]", "[\"EOSE\",5]", "[\"CLOSED\"]", "[\"OK\",\"id\",true,\"\"]",
            "[\"EOSE\",\"s\"] trailing", "[\"EVENT\",\"s\",{\"id\":\"x\"}", "[\"AUTH\"]",
            "[\"OK\",\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"true\",\"\"]"})
    void anythingElseIsUnreadableNotAnException(String text) {
        assertThat(RelayFrameReader.read(text)).isInstanceOf(RelayFrame.Unreadable.class);
    }

    @Test
    void anEventWithDuplicateKeysIsUnreadable() {
        String json = ProfileEvents.profile(ProfileEvents.ALICE, 1_000, "alice").toJson();
        String duplicated = json.replace("\"content\":", "\"content\":\"other\",\"content\":");

        assertThat(RelayFrameReader.read(TestRelay.event("s", duplicated))).isInstanceOf(RelayFrame.Unreadable.class);
    }

    @Test
    void relayTextForLogsIsShortAndHasNoLineBreaks() {
        String logged = RelayFrameReader.loggable("line\nforged INFO entry" + "x".repeat(500));

        assertThat(logged).doesNotContain("\n").hasSizeLessThanOrEqualTo(201);
    }
}
