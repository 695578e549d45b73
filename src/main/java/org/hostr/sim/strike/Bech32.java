package org.hostr.sim.strike;

/** Bech32 (BIP-173) encoding, as BOLT11 uses it: no length limit, original checksum constant (not bech32m). */
final class Bech32 {
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

    private Bech32() {
    }

    /** @param words 5-bit values */
    static String encode(String hrp, int[] words) {
        int[] checksum = checksum(hrp, words);
        StringBuilder out = new StringBuilder(hrp).append('1');
        for (int w : words) {
            out.append(CHARSET.charAt(w));
        }
        for (int w : checksum) {
            out.append(CHARSET.charAt(w));
        }
        return out.toString();
    }

    /** Bytes to 5-bit words, zero-padding the last word. */
    static int[] toWords(byte[] bytes) {
        int[] out = new int[(bytes.length * 8 + 4) / 5];
        int acc = 0;
        int bits = 0;
        int i = 0;
        for (byte b : bytes) {
            acc = (acc << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out[i++] = (acc >> bits) & 31;
            }
        }
        if (bits > 0) {
            out[i] = (acc << (5 - bits)) & 31;
        }
        return out;
    }

    private static int[] checksum(String hrp, int[] words) {
        int[] values = new int[hrp.length() * 2 + 1 + words.length + 6];
        int i = 0;
        for (char c : hrp.toCharArray()) {
            values[i++] = c >> 5;
        }
        values[i++] = 0;
        for (char c : hrp.toCharArray()) {
            values[i++] = c & 31;
        }
        System.arraycopy(words, 0, values, i, words.length);
        int mod = polymod(values) ^ 1;
        int[] out = new int[6];
        for (int k = 0; k < 6; k++) {
            out[k] = (mod >> (5 * (5 - k))) & 31;
        }
        return out;
    }

    private static int polymod(int[] values) {
        int chk = 1;
        for (int v : values) {
            int top = chk >>> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (int k = 0; k < 5; k++) {
                if (((top >> k) & 1) == 1) {
                    chk ^= GENERATOR[k];
                }
            }
        }
        return chk;
    }
}
