package org.hostr.provisioning.whm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WhmEndpointTest {
    private static final String FINGERPRINT =
            "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

    @Test
    void descriptionHidesTheToken() {
        WhmEndpoint endpoint = WhmEndpoint.of("https://whm1.example.com:2087", "root", "SECRET-TOKEN-123");

        assertThat(endpoint.toString()).doesNotContain("SECRET-TOKEN-123").contains("whm1.example.com");
    }

    @Test
    void fingerprintWithColonsIsNormalised() {
        WhmEndpoint endpoint = new WhmEndpoint("https://whm1.example.com:2087/", "root", "t", FINGERPRINT);

        assertThat(endpoint.pinnedFingerprint()).contains(FINGERPRINT.replace(":", "").toLowerCase());
        assertThat(endpoint.baseUrl()).isEqualTo("https://whm1.example.com:2087");
    }

    @Test
    void blankFingerprintMeansNormalVerification() {
        assertThat(new WhmEndpoint("https://whm1.example.com:2087", "root", "t", "").pinnedFingerprint()).isEmpty();
    }

    @Test
    void malformedFingerprintIsRejectedWithTheFix() {
        assertThatThrownBy(() -> new WhmEndpoint("https://whm1.example.com:2087", "root", "t", "AB:CD"))
                .hasMessageContaining("tls_fingerprint").hasMessageContaining("64 digits");
    }

    @Test
    void missingTokenIsRejectedWithTheFix() {
        assertThatThrownBy(() -> WhmEndpoint.of("https://whm1.example.com:2087", "root", " "))
                .hasMessageContaining("Manage API Tokens");
    }
}
