package org.hostr.nostr.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProfileTest {

    private static Profile read(String content) {
        return Profile.fromMetadata(ProfileEvents.signed(ProfileEvents.ALICE, 0, 1_000, content));
    }

    @Test
    void readsTheKnownFields() {
        Profile p = read("{\"name\":\"alice\",\"display_name\":\"Alice A.\",\"picture\":\"https://x.example/a.png\","
                + "\"about\":\"hi\\nthere\",\"nip05\":\"alice@example.com\",\"lud16\":\"alice@getalby.com\","
                + "\"website\":\"ignored\"}");

        assertThat(p).isEqualTo(new Profile(ProfileEvents.ALICE.pubkey(), "alice", "Alice A.",
                "https://x.example/a.png", "hi\nthere", "alice@example.com", "alice@getalby.com",
                Instant.ofEpochSecond(1_000)));
    }

    @Test
    void deprecatedDisplayNameIsReadWhenDisplayNameIsAbsent() {
        assertThat(read("{\"displayName\":\"Old Style\"}").displayName()).isEqualTo("Old Style");
    }

    @Test
    void longTextIsCutWithoutSplittingAnEmoji() {
        Profile p = read("{\"name\":\"" + "a".repeat(99) + "😀\",\"about\":\"" + "b".repeat(5000) + "\"}");

        assertThat(p.name()).isEqualTo("a".repeat(99));
        assertThat(p.about()).hasSize(ProfileContent.MAX_ABOUT_CHARS);
    }

    @Test
    void controlCharactersAreDroppedAndBlankBecomesNull() {
        Profile p = read("{\"name\":\"al\\u0000ice\\n\",\"display_name\":\"   \"}");

        assertThat(p.name()).isEqualTo("alice");
        assertThat(p.displayName()).isNull();
    }

    @Test
    void pictureMustBeAnHttpUrlOfBoundedLength() {
        assertThat(read("{\"picture\":\"javascript:alert(1)\"}").picture()).isNull();
        assertThat(read("{\"picture\":\"data:image/png;base64,AAAA\"}").picture()).isNull();
        assertThat(read("{\"picture\":\"not a url\"}").picture()).isNull();
        assertThat(read("{\"picture\":\"https://x.example/" + "p".repeat(1000) + "\"}").picture()).isNull();
        assertThat(read("{\"picture\":\"http://x.example/a.png\"}").picture()).isEqualTo("http://x.example/a.png");
    }

    @Test
    void fieldsOfTheWrongTypeAreNull() {
        Profile p = read("{\"name\":42,\"about\":{\"x\":1},\"picture\":[\"https://x.example\"],\"nip05\":true}");

        assertThat(p.name()).isNull();
        assertThat(p.about()).isNull();
        assertThat(p.picture()).isNull();
        assertThat(p.nip05()).isNull();
    }

    @Test
    void contentThatIsNotAJsonObjectGivesAnEmptyProfile() {
        for (String content : new String[] {"", "{oops", "[1,2]", "\"alice\"", "null"}) {
            Profile p = read(content);
            assertThat(p.name()).as(content).isNull();
            assertThat(p.pubkey()).isEqualTo(ProfileEvents.ALICE.pubkey());
        }
    }

    @Test
    void identifiersWithSpacesOrTooLongAreNull() {
        assertThat(read("{\"nip05\":\"bob @example.com\"}").nip05()).isNull();
        assertThat(read("{\"lud16\":\"" + "b".repeat(400) + "@example.com\"}").lud16()).isNull();
    }

    @Test
    void onlyKind0IsAProfile() {
        assertThatThrownBy(() -> Profile.fromMetadata(ProfileEvents.signed(ProfileEvents.ALICE, 1, 1_000, "{}")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
