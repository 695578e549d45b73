package org.hostr.payments.strike;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Strike's webhook signature: HMAC-SHA256 of the request body keyed with the subscription secret, sent as hex in
 * {@code X-Webhook-Signature}. Always verify the raw received bytes: Strike's own example re-serialises the parsed
 * JSON, which breaks as soon as whitespace or key order differ.
 */
public final class StrikeWebhookSignature {
    public static final String HEADER = "X-Webhook-Signature";

    private StrikeWebhookSignature() {
    }

    /** Lowercase hex HMAC-SHA256 of {@code body}, as Strike (a Node {@code digest('hex')}) produces it. */
    public static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /**
     * True only if {@code headerValue} is the signature of exactly these bytes. Hex case is ignored (the docs show
     * lowercase; accepting uppercase costs nothing). Any null or empty input is simply "not verified".
     */
    public static boolean verify(byte[] rawBody, String headerValue, String secret) {
        if (rawBody == null || headerValue == null || secret == null || secret.isEmpty()) {
            return false;
        }
        byte[] expected = sign(rawBody, secret).getBytes(StandardCharsets.US_ASCII);
        byte[] given = headerValue.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        // constant time, so response timing does not reveal how many leading characters were right
        return MessageDigest.isEqual(expected, given);
    }
}
