package org.hostr.nostr;

import java.util.List;

/**
 * Writes JSON strings exactly as JavaScript's {@code JSON.stringify} does, because the event id is a hash of those
 * bytes and every signer (nostr-tools, browser extensions) produces them that way. Jackson writes {@code \u001F}
 * (uppercase) and Gson escapes {@code <}, {@code >}, {@code &} and U+2028, so both give a different id
 * (spec §1, §11 E2).
 */
final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        appendUnicodeEscape(out, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        // ES2019 "well-formed JSON.stringify": a lone surrogate has no UTF-8 form, so it is escaped.
                        appendUnicodeEscape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Opens an event object and writes its fields up to content, in NIP-01 order; the caller adds {@code sig} (a
     * signed event) or not (a rumor) and closes it.
     */
    static StringBuilder eventFields(String id, String pubkey, long createdAt, int kind, List<List<String>> tags,
                                     String content) {
        StringBuilder out = new StringBuilder(256 + content.length());
        out.append("{\"id\":");
        appendString(out, id);
        out.append(",\"pubkey\":");
        appendString(out, pubkey);
        out.append(",\"created_at\":").append(createdAt);
        out.append(",\"kind\":").append(kind);
        out.append(",\"tags\":");
        appendTags(out, tags);
        out.append(",\"content\":");
        appendString(out, content);
        return out;
    }

    static void appendTags(StringBuilder out, List<List<String>> tags) {
        out.append('[');
        for (int t = 0; t < tags.size(); t++) {
            if (t > 0) {
                out.append(',');
            }
            out.append('[');
            List<String> tag = tags.get(t);
            for (int v = 0; v < tag.size(); v++) {
                if (v > 0) {
                    out.append(',');
                }
                appendString(out, tag.get(v));
            }
            out.append(']');
        }
        out.append(']');
    }

    private static void appendUnicodeEscape(StringBuilder out, char c) {
        out.append("\\u")
                .append(HEX[(c >> 12) & 0xf])
                .append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
    }
}
