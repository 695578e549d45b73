package org.hostr.nostr;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Reads {@code Authorization: Nostr <base64 of the event JSON>} (NIP-98) into an event, without judging it. */
public final class Nip98Header {
    /** A login event is a few hundred bytes; the cap keeps a hostile header from costing memory and parse time. */
    public static final int MAX_DECODED_BYTES = 64 * 1024;
    private static final int MAX_TOKEN_CHARS = (MAX_DECODED_BYTES + 2) / 3 * 4;
    private static final String SCHEME = "Nostr";

    private Nip98Header() {
    }

    /**
     * The scheme is case-insensitive (RFC 9110). The token may be standard base64 (nostr-tools, {@code btoa}) or
     * URL-safe, padded or not, but must be the canonical encoding of its bytes: one event, one token.
     */
    public static NostrEvent parse(String headerValue) throws MalformedEventException {
        if (headerValue == null || headerValue.isBlank()) {
            throw new MalformedEventException("Authorization header is missing or empty");
        }
        String value = headerValue.strip();
        int space = indexOfWhitespace(value);
        if (space < 0 || !asciiEqualsIgnoreCase(value.substring(0, space), SCHEME)) {
            throw new MalformedEventException("Authorization header must read \"Nostr <base64 event>\"");
        }
        String token = value.substring(space).strip();
        if (token.isEmpty() || indexOfWhitespace(token) >= 0) {
            throw new MalformedEventException("Authorization header must carry one base64 token after \"Nostr\"");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new MalformedEventException("Authorization token is over " + MAX_DECODED_BYTES + " bytes");
        }
        byte[] json = base64(token);
        if (json.length > MAX_DECODED_BYTES) {
            throw new MalformedEventException("Authorization token is over " + MAX_DECODED_BYTES + " bytes");
        }
        return EventJson.parse(utf8(json));
    }

    private static byte[] base64(String token) throws MalformedEventException {
        boolean urlSafe = token.indexOf('-') >= 0 || token.indexOf('_') >= 0;
        byte[] bytes;
        try {
            bytes = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(token);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("Authorization token is not base64: " + e.getMessage());
        }
        Base64.Encoder encoder = urlSafe ? Base64.getUrlEncoder() : Base64.getEncoder();
        if (!token.endsWith("=")) {
            encoder = encoder.withoutPadding();
        }
        // Java's decoder ignores the unused low bits of the last character, so "…Q==" and "…R==" give the same bytes.
        if (!encoder.encodeToString(bytes).equals(token)) {
            throw new MalformedEventException("Authorization token is not canonical base64");
        }
        return bytes;
    }

    private static String utf8(byte[] bytes) throws MalformedEventException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedEventException("Authorization token does not decode to UTF-8 text");
        }
    }

    /**
     * Case-insensitive for ASCII letters only: {@link String#equalsIgnoreCase} would also accept "Noſtr" or "poſt",
     * because the long s upper-cases to S.
     */
    static boolean asciiEqualsIgnoreCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (asciiLower(a.charAt(i)) != asciiLower(b.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
