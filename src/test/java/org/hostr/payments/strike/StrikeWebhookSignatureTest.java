package org.hostr.payments.strike;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class StrikeWebhookSignatureTest {
    private static final String SECRET = "whsec-0123456789";
    private static final byte[] BODY = "{\"id\":\"e1\",\"eventType\":\"invoice.updated\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signatureIsLowercaseHexHmacSha256() {
        // RFC 4231 test case 2
        String signature = StrikeWebhookSignature.sign("what do ya want for nothing?".getBytes(StandardCharsets.UTF_8), "Jefe");

        assertThat(signature).isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void matchingSignatureVerifies() {
        String header = StrikeWebhookSignature.sign(BODY, SECRET);

        assertThat(StrikeWebhookSignature.verify(BODY, header, SECRET)).isTrue();
    }

    @Test
    void uppercaseHexIsAccepted() {
        String header = StrikeWebhookSignature.sign(BODY, SECRET).toUpperCase(Locale.ROOT);

        assertThat(StrikeWebhookSignature.verify(BODY, header, SECRET)).isTrue();
    }

    @Test
    void changedBodyFails() {
        String header = StrikeWebhookSignature.sign(BODY, SECRET);
        byte[] reformatted = "{\"id\": \"e1\", \"eventType\": \"invoice.updated\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(StrikeWebhookSignature.verify(reformatted, header, SECRET)).isFalse();
    }

    @Test
    void otherSecretFails() {
        String header = StrikeWebhookSignature.sign(BODY, "another-secret-value");

        assertThat(StrikeWebhookSignature.verify(BODY, header, SECRET)).isFalse();
    }

    @Test
    void missingOrEmptyHeaderIsNotVerified() {
        assertThat(StrikeWebhookSignature.verify(BODY, null, SECRET)).isFalse();
        assertThat(StrikeWebhookSignature.verify(BODY, "", SECRET)).isFalse();
        assertThat(StrikeWebhookSignature.verify(BODY, "not-hex-at-all", SECRET)).isFalse();
    }

    @Test
    void missingBodyOrSecretIsNotVerified() {
        String header = StrikeWebhookSignature.sign(BODY, SECRET);

        assertThat(StrikeWebhookSignature.verify(null, header, SECRET)).isFalse();
        assertThat(StrikeWebhookSignature.verify(BODY, header, null)).isFalse();
        assertThat(StrikeWebhookSignature.verify(BODY, header, "")).isFalse();
    }
}
