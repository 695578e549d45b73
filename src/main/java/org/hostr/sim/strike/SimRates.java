package org.hostr.sim.strike;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Fixed exchange rates: the simulator's whole market. */
final class SimRates {
    private static final BigDecimal SATS_PER_BTC = new BigDecimal(100_000_000);

    /** One row of the ticker: {@code amount} units of target per one unit of source. */
    record Pair(String source, String target, BigDecimal amount) {
    }

    private final Map<String, BigDecimal> btcPrices = new LinkedHashMap<>();

    SimRates(Map<String, BigDecimal> pricesPerBtc) {
        btcPrices.put("BTC", BigDecimal.ONE);
        btcPrices.putAll(pricesPerBtc);
    }

    Set<String> currencies() {
        return btcPrices.keySet();
    }

    /** Units of {@code currency} per BTC. */
    BigDecimal btcPrice(String currency) {
        BigDecimal price = btcPrices.get(currency);
        if (price == null) {
            throw new IllegalArgumentException("no rate for " + currency);
        }
        return price;
    }

    /** What the payer must send, rounded up to a whole sat so the receiver is never short. */
    long sats(BigDecimal amount, String currency) {
        return amount.multiply(SATS_PER_BTC).divide(btcPrice(currency), 0, RoundingMode.UP).longValueExact();
    }

    List<Pair> ticker() {
        List<Pair> pairs = new ArrayList<>();
        for (String source : btcPrices.keySet()) {
            for (String target : btcPrices.keySet()) {
                if (!source.equals(target)) {
                    BigDecimal amount = btcPrice(target).divide(btcPrice(source), MathContext.DECIMAL64)
                            .setScale(8, RoundingMode.HALF_EVEN).stripTrailingZeros();
                    pairs.add(new Pair(source, target, amount));
                }
            }
        }
        return pairs;
    }
}
