package org.hostr.nostr.nip05;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Nip05AddressTest {

    @Test
    void splitsLocalPartAndDomain() {
        assertThat(Nip05Address.parse("bob.smith-1_x@nostr.example.com"))
                .contains(new Nip05Address("bob.smith-1_x", "nostr.example.com"));
    }

    @Test
    void aBareDomainIsTheRootIdentity() {
        assertThat(Nip05Address.parse("example.com")).contains(new Nip05Address("_", "example.com"));
        assertThat(Nip05Address.parse("_@example.com")).contains(new Nip05Address("_", "example.com"));
        assertThat(new Nip05Address("_", "example.com")).hasToString("example.com");
    }

    @Test
    void caseIsIgnoredAsNip05Says() {
        assertThat(Nip05Address.parse(" Bob@Example.COM ")).contains(new Nip05Address("bob", "example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "@", "@example.com", "bob@", "bob@localhost", "bob+tag@example.com",
            "bob smith@example.com", "bob@@example.com", "a@b@example.com", "bob@exa mple.com", "bob@-example.com",
            "bob@example-.com", "bob@example..com", "bob@[::1]", "bob@example.com:8080", "bob@example.com/path",
            "bob@ex_ample.com", "bøb@example.com", "bob@exämple.com", "bob@example.com."})
    void refusesWhatIsNotAnIdentifier(String text) {
        assertThat(Nip05Address.parse(text)).isEmpty();
    }

    @Test
    void refusesNullAndOverlongParts() {
        assertThat(Nip05Address.parse(null)).isEmpty();
        assertThat(Nip05Address.parse("b".repeat(65) + "@example.com")).isEmpty();
        assertThat(Nip05Address.parse("bob@" + "a".repeat(64) + ".com")).isEmpty();
    }

    @Test
    void recognisesDomainsThatAreIpAddresses() {
        assertThat(Nip05Address.parse("bob@127.0.0.1").orElseThrow().domainIsIpAddress()).isTrue();
        assertThat(Nip05Address.parse("bob@127.1").orElseThrow().domainIsIpAddress()).isTrue();
        assertThat(Nip05Address.parse("bob@1.example").orElseThrow().domainIsIpAddress()).isFalse();
    }
}
