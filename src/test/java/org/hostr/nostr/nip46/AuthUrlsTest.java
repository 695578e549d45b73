package org.hostr.nostr.nip46;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthUrlsTest {

    @Test
    void aWebPageIsShownAsItCame() {
        assertThat(AuthUrls.safe("https://signer.example/approve?id=1")).contains("https://signer.example/approve?id=1");
        assertThat(AuthUrls.safe("http://192.168.1.5:3000/approve")).isPresent();
    }

    @Test
    void nothingThatCouldRunInOurPageOrMisleadPasses() {
        assertThat(AuthUrls.safe("javascript:alert(1)")).isEmpty();
        assertThat(AuthUrls.safe("data:text/html,hi")).isEmpty();
        assertThat(AuthUrls.safe("https://user@signer.example/")).isEmpty();
        assertThat(AuthUrls.safe("https://signer.example/a b")).isEmpty();
        assertThat(AuthUrls.safe("/relative")).isEmpty();
        assertThat(AuthUrls.safe("https://signer.example/" + "a".repeat(AuthUrls.MAX_CHARS))).isEmpty();
        assertThat(AuthUrls.safe(null)).isEmpty();
    }
}
