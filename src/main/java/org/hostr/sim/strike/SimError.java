package org.hostr.sim.strike;

import java.util.Map;

/**
 * A refusal, in Strike's terms: over HTTP it becomes Strike's error envelope; from the Java control methods
 * ({@link StrikeSimulator#pay}, …) it is thrown as is.
 */
public final class SimError extends RuntimeException {
    final int status;
    final String code;
    /** field path → error code, only for 400 INVALID_DATA */
    final Map<String, String> validationErrors;

    SimError(int status, String code, String message, Map<String, String> validationErrors) {
        super(message);
        this.status = status;
        this.code = code;
        this.validationErrors = Map.copyOf(validationErrors);
    }

    SimError(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    /** The HTTP status Strike would answer, e.g. 404 or 422. */
    public int status() {
        return status;
    }

    /** Strike's error code, e.g. {@code INVALID_STATE_FOR_INVOICE_PAID}. */
    public String code() {
        return code;
    }

    static SimError notFound(String what) {
        return new SimError(404, "NOT_FOUND", what + " not found");
    }

    static SimError invalidData(Map<String, String> fieldErrors) {
        return new SimError(400, "INVALID_DATA", "Invalid data", fieldErrors);
    }

    static SimError badQuery(String message) {
        return new SimError(400, "INVALID_DATA", message);
    }

    /** Strike's 422 code names the state the invoice is in, e.g. INVALID_STATE_FOR_INVOICE_PAID. */
    static SimError wrongState(SimInvoiceState state) {
        return new SimError(422, "INVALID_STATE_FOR_INVOICE_" + state, "Invoice is " + state);
    }
}
