package org.hostr.payments.strike;

/** A webhook body that cannot be a Strike event. Answer 400; Strike's retries will not make it valid. */
public class StrikeWebhookPayloadException extends RuntimeException {
    public StrikeWebhookPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
