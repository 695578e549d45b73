package org.hostr.nostr;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Bech32 as BIP-173 defines it, which is what NIP-19 uses (not bech32m). The length limit is NIP-19's 5000 characters,
 * not BIP-173's 90: an nprofile with relays is longer than 90 (spec §3). Error messages never repeat the input, which
 * may be an nsec.
 */
public final class Bech32 {
    /** NIP-19: "strings SHOULD be ≤ 5000 chars". Also bounds the work done on hostile input. */
    public static final int MAX_LENGTH = 5000;
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    private static final int CHECKSUM_LENGTH = 6;

    /** The human-readable part (e.g. {@code npub}) and the payload as 8-bit bytes. */
    public record Decoded(String hrp, byte[] data) {
        public Decoded {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    private Bech32() {
    }

    public static String encode(String hrp, byte[] data) {
        byte[] values = convertBits(data, 8, 5, true);
        byte[] checksum = checksum(hrp, values);
        StringBuilder out = new StringBuilder(hrp.length() + 1 + values.length + CHECKSUM_LENGTH);
        out.append(hrp).append('1');
        for (byte v : values) {
            out.append(CHARSET.charAt(v));
        }
        for (byte v : checksum) {
            out.append(CHARSET.charAt(v));
        }
        if (out.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("bech32 string would be " + out.length() + " characters, over "
                    + MAX_LENGTH + " that decoders accept");
        }
        return out.toString();
    }

    public static Decoded decode(String text) throws InvalidNip19Exception {
        if (text == null || text.isEmpty()) {
            throw new InvalidNip19Exception("bech32 string is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidNip19Exception("bech32 string is " + text.length() + " characters, the limit is "
                    + MAX_LENGTH);
        }
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 33 || c > 126) {
                throw new InvalidNip19Exception("bech32 string has a character outside printable ASCII at " + i);
            }
            lower |= c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
        }
        if (lower && upper) {
            throw new InvalidNip19Exception("bech32 string mixes upper and lower case");
        }
        String s = text.toLowerCase(Locale.ROOT);
        int separator = s.lastIndexOf('1');
        if (separator < 1 || separator + 1 + CHECKSUM_LENGTH > s.length()) {
            throw new InvalidNip19Exception("bech32 string needs a prefix, a '1' and at least 6 checksum characters");
        }
        String hrp = s.substring(0, separator);
        byte[] values = new byte[s.length() - separator - 1];
        for (int i = 0; i < values.length; i++) {
            int v = CHARSET.indexOf(s.charAt(separator + 1 + i));
            if (v < 0) {
                throw new InvalidNip19Exception("bech32 string has a character that is not in the bech32 alphabet at "
                        + (separator + 1 + i));
            }
            values[i] = (byte) v;
        }
        if (polymod(hrp, values) != 1) {
            throw new InvalidNip19Exception("bech32 checksum does not match: the string was mistyped or truncated");
        }
        byte[] payload = Arrays.copyOf(values, values.length - CHECKSUM_LENGTH);
        byte[] data = convertBits(payload, 5, 8, false);
        if (data == null) {
            throw new InvalidNip19Exception("bech32 payload has invalid padding");
        }
        return new Decoded(hrp, data);
    }

    private static byte[] checksum(String hrp, byte[] values) {
        byte[] padded = Arrays.copyOf(values, values.length + CHECKSUM_LENGTH);
        int mod = polymod(hrp, padded) ^ 1;
        byte[] checksum = new byte[CHECKSUM_LENGTH];
        for (int i = 0; i < CHECKSUM_LENGTH; i++) {
            checksum[i] = (byte) ((mod >>> (5 * (5 - i))) & 31);
        }
        return checksum;
    }

    /** BIP-173 polymod over the expanded hrp followed by the 5-bit values. */
    private static int polymod(String hrp, byte[] values) {
        int chk = 1;
        for (int i = 0; i < hrp.length(); i++) {
            chk = step(chk, hrp.charAt(i) >> 5);
        }
        chk = step(chk, 0);
        for (int i = 0; i < hrp.length(); i++) {
            chk = step(chk, hrp.charAt(i) & 31);
        }
        for (byte v : values) {
            chk = step(chk, v);
        }
        return chk;
    }

    private static int step(int chk, int value) {
        int top = chk >>> 25;
        chk = (chk & 0x1ffffff) << 5 ^ value;
        for (int i = 0; i < 5; i++) {
            if (((top >>> i) & 1) != 0) {
                chk ^= GENERATOR[i];
            }
        }
        return chk;
    }

    /** Regroups bits; without padding, leftover bits must be fewer than {@code from} and all zero, else null. */
    private static byte[] convertBits(byte[] in, int from, int to, boolean pad) {
        int acc = 0;
        int bits = 0;
        int maxValue = (1 << to) - 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * from / to + 1);
        for (byte b : in) {
            acc = (acc << from) | (b & 0xff);
            bits += from;
            while (bits >= to) {
                bits -= to;
                out.write((acc >>> bits) & maxValue);
            }
        }
        if (pad) {
            if (bits > 0) {
                out.write((acc << (to - bits)) & maxValue);
            }
        } else if (bits >= from || ((acc << (to - bits)) & maxValue) != 0) {
            return null;
        }
        return out.toByteArray();
    }
}
