package org.hostr.payments.strike;

import java.util.List;
import java.util.Map;

/**
 * Strike answered and refused the request (4xx): the same request will fail the same way. The fields come from
 * Strike's envelope {@code {traceId, data{status, code, message, validationErrors}}}.
 */
public class StrikeApiException extends StrikeException {
    /** One entry of {@code data.validationErrors}. */
    public record FieldError(String code, String message) {
    }

    private final Map<String, List<FieldError>> validationErrors;

    public StrikeApiException(String message, int status, String code, String traceId,
                              Map<String, List<FieldError>> validationErrors) {
        super(message, status, code, traceId, null);
        this.validationErrors = Map.copyOf(validationErrors);
    }

    /** Field path (e.g. {@code amount.amount}) to what is wrong with it; empty unless Strike sent a 400 validation failure. */
    public Map<String, List<FieldError>> validationErrors() {
        return validationErrors;
    }
}
