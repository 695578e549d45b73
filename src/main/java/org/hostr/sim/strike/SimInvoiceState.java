package org.hostr.sim.strike;

/** The invoice states the simulator moves through; the same names Strike uses on the wire. */
public enum SimInvoiceState {
    UNPAID, PENDING, PAID, CANCELLED
}
