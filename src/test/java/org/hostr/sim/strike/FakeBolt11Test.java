package org.hostr.sim.strike;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeBolt11Test {
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    /** An independent BIP-173 check, so the encoder is not tested with itself. */
    private static boolean validBech32(String s) {
        int sep = s.lastIndexOf('1');
        String hrp = s.substring(0, sep);
        int chk = 1;
        int[] gen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
        List<Integer> v = new ArrayList<>();
        hrp.chars().forEach(c -> v.add(c >> 5));
        v.add(0);
        hrp.chars().forEach(c -> v.add(c & 31));
        s.substring(sep + 1).chars().forEach(c -> v.add(CHARSET.indexOf(c)));
        for (int value : v) {
            if (value < 0) {
                return false;
            }
            int top = chk >>> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ value;
            for (int i = 0; i < 5; i++) {
                if (((top >> i) & 1) == 1) {
                    chk ^= gen[i];
                }
            }
        }
        return chk == 1;
    }

    private static long timestamp(String s) {
        String data = s.substring(s.lastIndexOf('1') + 1);
        long t = 0;
        for (int i = 0; i < 7; i++) {
            t = (t << 5) | CHARSET.indexOf(data.charAt(i));
        }
        return t;
    }

    @Test
    void tenThousandSatsIsAHundredMicroBitcoin() {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");

        String bolt11 = FakeBolt11.encode(10_000, now, 30, "Hosting: starter, 1 month");

        assertThat(bolt11).startsWith("lnbc100u1");
        assertThat(validBech32(bolt11)).isTrue();
        assertThat(timestamp(bolt11)).isEqualTo(now.getEpochSecond());
    }

    @Test
    void amountUsesTheShortestExactMultiplier() {
        assertThat(FakeBolt11.amount(100_000_000_000L)).isEqualTo("1");        // 1 BTC
        assertThat(FakeBolt11.amount(250_000_000L)).isEqualTo("2500u");        // 250,000 sats
        assertThat(FakeBolt11.amount(100_000_000L)).isEqualTo("1m");           // 100,000 sats
        assertThat(FakeBolt11.amount(1_000L)).isEqualTo("10n");                // 1 sat
        assertThat(FakeBolt11.amount(1L)).isEqualTo("10p");                    // 1 msat
    }

    @Test
    void everyQuoteGetsItsOwnRequest() {
        Instant now = Instant.now();

        assertThat(FakeBolt11.encode(1, now, 30, null)).isNotEqualTo(FakeBolt11.encode(1, now, 30, null));
    }
}
