package org.hostr.payments.strike;

import java.util.Locale;

/**
 * State of a Strike invoice. The docs list UNPAID, PENDING, PAID and CANCELLED; REVERSED is known only from the .NET
 * client (UNCONFIRMED). Anything else Strike may add later reads as UNKNOWN instead of failing the whole response:
 * strike-rs could not parse a cancelled invoice because its enum lacked CANCELLED.
 */
public enum StrikeInvoiceState {
    UNPAID, PENDING, PAID, CANCELLED, REVERSED, UNKNOWN;

    public static StrikeInvoiceState parse(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    /** True when no further payment can arrive on the invoice. */
    public boolean isFinal() {
        return this == PAID || this == CANCELLED || this == REVERSED;
    }
}
