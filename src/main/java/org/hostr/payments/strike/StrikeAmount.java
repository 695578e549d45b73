package org.hostr.payments.strike;

import java.math.BigDecimal;

/** Strike's Money object. Strike sends {@code amount} as a decimal string; it arrives here exact, never as a double. */
public record StrikeAmount(BigDecimal amount, String currency) {
}
