package org.hostr.nostr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Byte-for-byte JSON.stringify output, checked against ids computed by nostr-tools (spec §11). */
class EventSerializerTest {

    @Test
    void loginEventE1SerializesExactlyAsNostrToolsDoes() {
        String serialized = EventSerializer.serialize(Fixtures.PUBKEY_3, Fixtures.CREATED_AT, 27235,
                Fixtures.E1.tags(), "");

        assertThat(serialized).isEqualTo("[0,\"" + Fixtures.PUBKEY_3 + "\",1700000000,27235,"
                + "[[\"u\",\"https://shop.example.com/auth/nostr/login\"],[\"method\",\"POST\"],"
                + "[\"challenge\",\"" + Fixtures.CHALLENGE + "\"]],\"\"]");
    }

    @Test
    void loginEventE1HasTheNostrToolsId() {
        assertThat(EventSerializer.eventId(Fixtures.E1))
                .isEqualTo("ef8593ce9764f256a329d53cbb1c7eacf4504450fd342d24c61a0446915727c2");
    }

    @Test
    void awkwardContentE2HasTheNostrToolsId() {
        // a"b\c LF d CR e TAB f BS g FF h U+0001 i U+001F j/k<l>&é😀 U+2028 end
        String content = "a\"b\\c\nd\re\tf\bg\fh\u0001i\u001fj/k<l>&\u00e9\ud83d\ude00\u2028end";

        String id = EventSerializer.eventId(Fixtures.PUBKEY_3, Fixtures.CREATED_AT, 1, List.of(List.of("t", "x")),
                content);

        assertThat(id).isEqualTo("0a2aad651de626eda7fbb773346cc7c3f3464331ccfd5e00f5ed671455b82d01");
    }

    @Test
    void theSevenShortEscapesAreUsed() {
        assertThat(content("\" \\ \n \r \t \b \f")).isEqualTo("\"\\\" \\\\ \\n \\r \\t \\b \\f\"");
    }

    @Test
    void otherControlCharactersUseLowercaseUnicodeEscapes() {
        assertThat(content("\u0000\u0001\u001f\u000b")).isEqualTo("\"\\u0000\\u0001\\u001f\\u000b\"");
    }

    @Test
    void slashAnglesAmpersandLineSeparatorAndEmojiStayVerbatim() {
        String raw = "/<>&\u2028\u2029\u007f\u00e9\ud83d\ude00";

        assertThat(content(raw)).isEqualTo("\"" + raw + "\"");
    }

    @Test
    void aLoneSurrogateIsEscapedLikeJsonStringify() {
        assertThat(content("a\ud800b\udc00")).isEqualTo("\"a\\ud800b\\udc00\"");
    }

    /** The serialized content field alone: the part after the tags. */
    private static String content(String content) {
        String serialized = EventSerializer.serialize(Fixtures.PUBKEY_3, 0, 1, List.of(), content);
        String prefix = "[0,\"" + Fixtures.PUBKEY_3 + "\",0,1,[],";
        assertThat(serialized).startsWith(prefix).endsWith("]");
        return serialized.substring(prefix.length(), serialized.length() - 1);
    }
}
