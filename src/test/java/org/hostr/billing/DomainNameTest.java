package org.hostr.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hostr.web.ApiError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNameTest {

    @Test
    void trimsAndLowercases() {
        assertThat(DomainName.parse("  Example.COM ").value()).isEqualTo("example.com");
    }

    @Test
    void internationalNamesBecomePunycode() {
        assertThat(DomainName.parse("Bücher.de").value()).isEqualTo("xn--bcher-kva.de");
    }

    @Test
    void acceptsSubdomainsDigitsAndInnerHyphens() {
        assertThat(DomainName.parse("shop-1.my-site.co.uk").value()).isEqualTo("shop-1.my-site.co.uk");
        assertThat(DomainName.parse("example.com.").value()).isEqualTo("example.com");
    }

    @Test
    void acceptsLongestLabelAndRejectsOneLonger() {
        assertThat(DomainName.parse("a".repeat(63) + ".com").value()).hasSize(67);
        assertBad("a".repeat(64) + ".com");
    }

    @Test
    void rejectsNamesLongerThan253() {
        String label = "a".repeat(60);
        assertBad(String.join(".", label, label, label, label, label, "com")); // 308 characters
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "localhost", "*.example.com", "exa mple.com", "-example.com", "example-.com",
            "example..com", "192.168.1.1", "under_score.com", "example.com/path", "http://example.com"})
    void rejects(String input) {
        assertBad(input);
    }

    @Test
    void nullIsRejected() {
        assertBad(null);
    }

    private static void assertBad(String input) {
        assertThatThrownBy(() -> DomainName.parse(input))
                .isInstanceOf(ApiError.class)
                .satisfies(e -> {
                    assertThat(((ApiError) e).status()).isEqualTo(400);
                    assertThat(((ApiError) e).code()).isEqualTo("bad_domain");
                    assertThat(e.getMessage()).isNotBlank();
                });
    }
}
