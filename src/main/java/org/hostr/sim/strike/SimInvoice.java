package org.hostr.sim.strike;

import java.math.BigDecimal;
import java.time.Instant;

record SimInvoice(String invoiceId, String correlationId, String description, BigDecimal amount, String currency,
                  SimInvoiceState state, Instant created, String issuerId) {

    SimInvoice withState(SimInvoiceState next) {
        return new SimInvoice(invoiceId, correlationId, description, amount, currency, next, created, issuerId);
    }
}
