package org.hostr.sim.strike;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SimRatesTest {
    private final SimRates rates = new SimRates(StrikeSimulatorSettings.defaults("k").btcPrices());

    @Test
    void satsAreRoundedUpSoTheReceiverIsNeverShort() {
        assertThat(rates.sats(new BigDecimal("10.00"), "USD")).isEqualTo(10_000);
        assertThat(rates.sats(new BigDecimal("0.013"), "EUR")).isEqualTo(15); // 14.13 sats
        assertThat(rates.sats(new BigDecimal("0.00012345"), "BTC")).isEqualTo(12_345);
    }

    @Test
    void tickerHasEveryOrderedPair() {
        assertThat(rates.ticker()).hasSize(6 * 5)
                .anySatisfy(p -> {
                    assertThat(p.source()).isEqualTo("USD");
                    assertThat(p.target()).isEqualTo("BTC");
                    assertThat(p.amount()).isEqualByComparingTo("0.00001");
                });
    }
}
