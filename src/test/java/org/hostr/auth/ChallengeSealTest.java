package org.hostr.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChallengeSealTest {
    private final ChallengeSeal seal = new ChallengeSeal("test-session-secret-0123456789abcdefghij");
    private final Instant expiry = Instant.parse("2026-11-21T10:05:00Z");

    @Test
    void aSealedChallengeGivesBackItsExpiry() {
        String challenge = seal.issue(expiry);

        assertThat(challenge).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(seal.expiry(challenge)).contains(expiry);
    }

    @Test
    void everyChallengeIsDifferent() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(seal.issue(expiry));
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void changingAnyCharacterBreaksTheSeal() {
        String challenge = seal.issue(expiry);
        for (int i = 0; i < challenge.length(); i++) {
            char flipped = challenge.charAt(i) == '0' ? '1' : '0';
            String changed = challenge.substring(0, i) + flipped + challenge.substring(i + 1);
            assertThat(seal.expiry(changed)).as("character %d changed", i).isEmpty();
        }
    }

    @Test
    void anotherShopsSecretDoesNotOpenIt() {
        String challenge = new ChallengeSeal("another-shop-secret-0123456789abcdefghij").issue(expiry);

        assertThat(seal.expiry(challenge)).isEmpty();
    }

    @Test
    void malformedChallengesAreNotOurs() {
        String challenge = seal.issue(expiry);

        assertThat(seal.expiry(null)).isEmpty();
        assertThat(seal.expiry("")).isEmpty();
        assertThat(seal.expiry(challenge.toUpperCase())).isEmpty();
        assertThat(seal.expiry(challenge + "0")).isEmpty();
        assertThat(seal.expiry(challenge.substring(1))).isEmpty();
        assertThat(seal.expiry("zz" + challenge.substring(2))).isEmpty();
        assertThat(seal.expiry("é".repeat(64))).isEmpty();
    }
}
