package org.hostr.payments.strike;

import java.util.Map;

/**
 * 401 or 403: the API key is wrong, revoked, or lacks a scope (e.g. {@code partner.invoice.quote.generate}).
 * Never retried — retrying cannot help and could trip Strike's blocking rate limit.
 */
public class StrikeAuthException extends StrikeApiException {
    public StrikeAuthException(String message, int status, String code, String traceId) {
        super(message, status, code, traceId, Map.of());
    }
}
