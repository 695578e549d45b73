package org.hostr.sim.strike;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;

/**
 * A BOLT11-shaped payment request: valid bech32, the right amount in the human-readable part, a timestamp, a payment
 * hash, a description and an expiry — but a random signature, so no real wallet can pay it. Good enough for QR codes,
 * WebLN stubs and "does the amount match" checks.
 */
final class FakeBolt11 {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TAG_PAYMENT_HASH = 1;
    private static final int TAG_EXPIRY = 6;
    private static final int TAG_DESCRIPTION = 13;
    private static final int TAG_PAYMENT_SECRET = 16;
    /** a tagged field's length is two 5-bit words: at most 1023 words, i.e. 639 bytes */
    private static final int MAX_DESCRIPTION_BYTES = 639;

    private FakeBolt11() {
    }

    static String encode(long sats, Instant timestamp, long expirySeconds, String description) {
        int[] words = new int[0];
        words = append(words, number(timestamp.getEpochSecond(), 7));
        words = append(words, tagged(TAG_PAYMENT_HASH, Bech32.toWords(random(32))));
        words = append(words, tagged(TAG_PAYMENT_SECRET, Bech32.toWords(random(32))));
        byte[] text = (description == null ? "" : description).getBytes(StandardCharsets.UTF_8);
        words = append(words, tagged(TAG_DESCRIPTION, Bech32.toWords(Arrays.copyOf(text, Math.min(text.length, MAX_DESCRIPTION_BYTES)))));
        words = append(words, tagged(TAG_EXPIRY, number(expirySeconds, minimalLength(expirySeconds))));
        words = append(words, Bech32.toWords(random(65))); // signature + recovery id, 104 words
        return Bech32.encode("lnbc" + amount(sats * 1000), words);
    }

    /** BOLT11 amount: the shortest of whole BTC, m (1e-3), u (1e-6), n (1e-9) or p (1e-12) that is exact. */
    static String amount(long msat) {
        if (msat % 100_000_000_000L == 0) {
            return Long.toString(msat / 100_000_000_000L);
        }
        if (msat % 100_000_000L == 0) {
            return msat / 100_000_000L + "m";
        }
        if (msat % 100_000L == 0) {
            return msat / 100_000L + "u";
        }
        if (msat % 100L == 0) {
            return msat / 100L + "n";
        }
        return msat * 10 + "p";
    }

    private static int[] tagged(int type, int[] data) {
        int[] out = new int[3 + data.length];
        out[0] = type;
        out[1] = data.length >> 5;
        out[2] = data.length & 31;
        System.arraycopy(data, 0, out, 3, data.length);
        return out;
    }

    private static int[] number(long value, int length) {
        int[] out = new int[length];
        for (int i = length - 1; i >= 0; i--) {
            out[i] = (int) (value & 31);
            value >>>= 5;
        }
        return out;
    }

    private static int minimalLength(long value) {
        int n = 1;
        while ((value >>>= 5) > 0) {
            n++;
        }
        return n;
    }

    private static int[] append(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] random(int n) {
        byte[] out = new byte[n];
        RANDOM.nextBytes(out);
        return out;
    }
}
