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

    @Test
    void challengesSortByTheirExpiryAsText() {
        String sooner = seal.issue(expiry);
        String later = seal.issue(expiry.plusSeconds(1));
        String muchLater = seal.issue(expiry.plusSeconds(86_400 * 400));

        assertThat(sooner).isLessThan(later);
        assertThat(later).isLessThan(muchLater);
        assertThat(sooner).isLessThan(ChallengeSeal.sortsBefore(expiry.plusSeconds(1)));
        assertThat(sooner).isGreaterThan(ChallengeSeal.sortsBefore(expiry));
        assertThat(ChallengeSeal.sortsBefore(expiry)).hasSize(8).isEqualTo(sooner.substring(0, 8));
    }

    @Test
    void aChallengeOfTheLayoutBeforeIsNotOurs() throws Exception {
        // random (16) | expiry (4) | HMAC of those 20 under the key of that layout, cut to 12
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(java.security.MessageDigest.getInstance("SHA-256")
                .digest("hostr-login-challenge:test-session-secret-0123456789abcdefghij".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "HmacSHA256"));
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        java.nio.ByteBuffer.wrap(bytes, 16, 4).putInt((int) expiry.getEpochSecond());
        mac.update(bytes, 0, 20);
        System.arraycopy(mac.doFinal(), 0, bytes, 20, 12);

        assertThat(seal.expiry(org.hostr.nostr.Hex.encode(bytes))).isEmpty();
    }
}
