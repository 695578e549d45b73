package org.hostr.payments.strike;

import java.math.BigDecimal;

/** An exchange rate: {@code amount} units of {@code targetCurrency} per one unit of {@code sourceCurrency}. */
public record StrikeRate(BigDecimal amount, String sourceCurrency, String targetCurrency) {
}
