package org.hostr.nostr.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import okhttp3.HttpUrl;

/**
 * The lenient reading of kind 0 content. Profiles are written by every client under the sun, so a bad field costs
 * only that field. Limits keep a hostile profile from bloating pages and the database.
 */
final class ProfileContent {
    static final int MAX_NAME_CHARS = 100;
    static final int MAX_ABOUT_CHARS = 1000;
    static final int MAX_URL_CHARS = 1000;
    /** An internet identifier: 64 for the local part, 1 for "@", 253 for the domain (RFC 5321 / 1035), rounded. */
    static final int MAX_ADDRESS_CHARS = 320;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ProfileContent() {
    }

    static Profile read(String pubkey, String content, Instant createdAt) {
        JsonNode root = parse(content);
        String displayName = text(root, "display_name", MAX_NAME_CHARS, false);
        if (displayName == null) {
            // NIP-24 deprecates "displayName", but older clients still write only that.
            displayName = text(root, "displayName", MAX_NAME_CHARS, false);
        }
        return new Profile(
                pubkey,
                text(root, "name", MAX_NAME_CHARS, false),
                displayName,
                httpUrl(root, "picture"),
                text(root, "about", MAX_ABOUT_CHARS, true),
                identifier(root, "nip05"),
                identifier(root, "lud16"),
                createdAt);
    }

    private static JsonNode parse(String content) {
        try {
            JsonNode root = MAPPER.readTree(content);
            return root != null && root.isObject() ? root : MAPPER.createObjectNode();
        } catch (JsonProcessingException e) {
            return MAPPER.createObjectNode();
        }
    }

    /** A display string: control characters dropped (newlines and tabs kept only where asked), then cut to length. */
    private static String text(JsonNode root, String field, int maxChars, boolean keepLineBreaks) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(node.textValue().length(), maxChars));
        node.textValue().codePoints()
                .filter(c -> !Character.isISOControl(c) || keepLineBreaks && (c == '\n' || c == '\t'))
                .forEach(out::appendCodePoint);
        String cleaned = out.toString().strip();
        return cleaned.isEmpty() ? null : cut(cleaned, maxChars);
    }

    /** Cut without splitting a surrogate pair, which would leave invalid UTF-16 in the page. */
    private static String cut(String s, int maxChars) {
        if (s.length() <= maxChars) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return s.substring(0, end);
    }

    /**
     * Only http(s): a {@code javascript:} or {@code data:} picture would run or load in our pages. A truncated URL
     * points somewhere else, so an over-long one is dropped, not cut.
     */
    private static String httpUrl(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual() || node.textValue().strip().length() > MAX_URL_CHARS) {
            return null;
        }
        HttpUrl url = HttpUrl.parse(node.textValue().strip());
        if (url == null) {
            return null;
        }
        String canonical = url.toString();
        return canonical.length() <= MAX_URL_CHARS ? canonical : null;
    }

    /** nip05 and lud16 are looked up later, so like URLs they are kept whole or not at all. */
    private static String identifier(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            return null;
        }
        String value = node.textValue().strip();
        if (value.isEmpty() || value.length() > MAX_ADDRESS_CHARS
                || value.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
            return null;
        }
        return value;
    }
}
