package org.hostr.sim.strike;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the simulator behaves. Start from {@link #defaults(String)} and change what a test needs with the withers.
 *
 * @param apiKey             the only bearer key the simulator accepts
 * @param btcPrices          units of each currency per 1 BTC; these are the currencies invoices may use (BTC is implied)
 * @param quoteLifetime      how long a quote's BOLT11 is valid (Strike: about 30 s for fiat)
 * @param webhookBaseDelay   first retry delay; then ×3 each time, like Strike's 3 s, 9 s, 27 s … but shorter
 * @param webhookMaxAttempts Strike stops after 12
 * @param webhookTimeout     a delivery counts only if a 2xx arrives within this (Strike: 5 s)
 * @param clock              for created/expiration times; tests may pass a movable clock
 * @param uniqueCorrelationIds whether a reused correlationId gets 409 DUPLICATE_INVOICE. Strike documents the id as
 *                           unique but not what happens on reuse (UNCONFIRMED); turn this off to test that a client
 *                           stays exactly-once without Strike's help
 */
public record StrikeSimulatorSettings(String apiKey, Map<String, BigDecimal> btcPrices, Duration quoteLifetime,
                                      Duration webhookBaseDelay, int webhookMaxAttempts, Duration webhookTimeout,
                                      Clock clock, boolean uniqueCorrelationIds) {

    public StrikeSimulatorSettings {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("the simulator needs an API key to accept");
        }
        btcPrices = Map.copyOf(btcPrices);
    }

    /** 1 BTC = 100,000 USD (and USDT), 92,000 EUR, 79,000 GBP, 150,000 AUD; 30 s quotes; webhook retries from 100 ms. */
    public static StrikeSimulatorSettings defaults(String apiKey) {
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        prices.put("USD", new BigDecimal("100000"));
        prices.put("USDT", new BigDecimal("100000"));
        prices.put("EUR", new BigDecimal("92000"));
        prices.put("GBP", new BigDecimal("79000"));
        prices.put("AUD", new BigDecimal("150000"));
        return new StrikeSimulatorSettings(apiKey, prices, Duration.ofSeconds(30), Duration.ofMillis(100), 12,
                Duration.ofSeconds(5), Clock.systemUTC(), true);
    }

    public StrikeSimulatorSettings withBtcPrice(String currency, BigDecimal price) {
        Map<String, BigDecimal> prices = new LinkedHashMap<>(btcPrices);
        prices.put(currency, price);
        return new StrikeSimulatorSettings(apiKey, prices, quoteLifetime, webhookBaseDelay, webhookMaxAttempts, webhookTimeout, clock, uniqueCorrelationIds);
    }

    public StrikeSimulatorSettings withQuoteLifetime(Duration lifetime) {
        return new StrikeSimulatorSettings(apiKey, btcPrices, lifetime, webhookBaseDelay, webhookMaxAttempts, webhookTimeout, clock, uniqueCorrelationIds);
    }

    public StrikeSimulatorSettings withWebhookRetries(Duration baseDelay, int maxAttempts) {
        return new StrikeSimulatorSettings(apiKey, btcPrices, quoteLifetime, baseDelay, maxAttempts, webhookTimeout, clock, uniqueCorrelationIds);
    }

    public StrikeSimulatorSettings withWebhookTimeout(Duration timeout) {
        return new StrikeSimulatorSettings(apiKey, btcPrices, quoteLifetime, webhookBaseDelay, webhookMaxAttempts, timeout, clock, uniqueCorrelationIds);
    }

    public StrikeSimulatorSettings withUniqueCorrelationIds(boolean unique) {
        return new StrikeSimulatorSettings(apiKey, btcPrices, quoteLifetime, webhookBaseDelay, webhookMaxAttempts, webhookTimeout, clock, unique);
    }

    public StrikeSimulatorSettings withClock(Clock clock) {
        return new StrikeSimulatorSettings(apiKey, btcPrices, quoteLifetime, webhookBaseDelay, webhookMaxAttempts, webhookTimeout, clock, uniqueCorrelationIds);
    }
}
