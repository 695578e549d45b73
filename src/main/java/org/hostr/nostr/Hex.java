package org.hostr.nostr;

/**
 * Lowercase hex, as NIP-01 requires for ids, keys and signatures. Decoding is strict: uppercase is refused, because
 * "ABC…" and "abc…" would otherwise name the same key and slip past exact-match lookups (seen-id cache, user table).
 */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** True when {@code text} is exactly {@code byteCount} bytes of lowercase hex. */
    public static boolean isLowercaseHex(String text, int byteCount) {
        if (text == null || text.length() != byteCount * 2) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (nibble(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Decodes {@code byteCount} bytes of lowercase hex; anything else is a programming error at the call site. */
    public static byte[] decode(String text, int byteCount) {
        if (!isLowercaseHex(text, byteCount)) {
            throw new IllegalArgumentException("expected " + byteCount * 2 + " lowercase hex characters, got "
                    + (text == null ? "null" : text.length() + " characters"));
        }
        byte[] out = new byte[byteCount];
        for (int i = 0; i < byteCount; i++) {
            out[i] = (byte) (nibble(text.charAt(2 * i)) << 4 | nibble(text.charAt(2 * i + 1)));
        }
        return out;
    }

    private static int nibble(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}
