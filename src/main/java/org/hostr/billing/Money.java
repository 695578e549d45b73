package org.hostr.billing;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/** An amount in minor units (cents, sats) with its currency code. Never floating point. */
public record Money(long minor, String currency) {

    public Money {
        if (currency == null || currency.isBlank()) {
            throw new IllegalArgumentException("a currency code is required");
        }
    }

    /** Digits after the decimal point: 2 for USD and EUR, 0 for JPY; BTC is counted in sats. */
    public static int fractionDigits(String currency) {
        if ("BTC".equals(currency) || "SAT".equals(currency)) {
            return 0;
        }
        try {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            return digits < 0 ? 2 : digits;
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }

    /** The major-unit decimal, e.g. 1050 USD → 10.50 (as Strike wants amounts). */
    public BigDecimal toDecimal() {
        return BigDecimal.valueOf(minor, fractionDigits(currency));
    }

    /** For people: "$10.50", "€3.00", "1,000 sats", "12.00 CHF". */
    public String display() {
        if ("BTC".equals(currency) || "SAT".equals(currency)) {
            return NumberFormat.getIntegerInstance(Locale.US).format(minor) + " sats";
        }
        String symbol = switch (currency) {
            case "USD" -> "$";
            case "EUR" -> "€";
            case "GBP" -> "£";
            case "AUD" -> "A$";
            default -> null;
        };
        int digits = fractionDigits(currency);
        DecimalFormat format = new DecimalFormat(digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits),
                DecimalFormatSymbols.getInstance(Locale.US));
        String number = format.format(toDecimal());
        return symbol == null ? number + " " + currency : symbol + number;
    }

    @Override
    public String toString() {
        return display();
    }
}
