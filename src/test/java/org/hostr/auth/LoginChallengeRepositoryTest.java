package org.hostr.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hostr.db.generated.Tables.LOGIN_CHALLENGES;

import java.time.Duration;
import java.time.Instant;
import org.hostr.db.Database;
import org.hostr.testing.TestDatabases;
import org.hostr.testing.TestDatabases.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LoginChallengeRepositoryTest {
    private final ChallengeSeal seal = new ChallengeSeal("test-session-secret-0123456789abcdefghij");
    private final LoginChallengeRepository challenges = new LoginChallengeRepository();
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private String used(Database db, Instant expiry) {
        String challenge = seal.issue(expiry);
        boolean stored = db.transaction(tx -> challenges.consume(tx, challenge, expiry.minus(LoginService.CHALLENGE_TTL), expiry, NOW));
        assertThat(stored).isTrue();
        return challenge;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void expiredChallengesGoAsARangeOfTheKeyAndLiveOnesStay(Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            Instant cutoff = NOW.minus(Duration.ofHours(1));
            used(db, cutoff.minus(Duration.ofDays(40)));
            used(db, cutoff.minusSeconds(1));
            String atCutoff = used(db, cutoff);
            String live = used(db, NOW.plus(LoginService.CHALLENGE_TTL));

            int deleted = db.transaction(tx -> challenges.deleteExpired(tx, cutoff));

            assertThat(deleted).isEqualTo(2);
            assertThat(db.dsl().select(LOGIN_CHALLENGES.CHALLENGE).from(LOGIN_CHALLENGES).fetchSet(LOGIN_CHALLENGES.CHALLENGE))
                    .containsExactlyInAnyOrder(atCutoff, live);
            // Still single-use after the clean-up.
            boolean again = db.transaction(tx -> challenges.consume(tx, live, NOW, NOW.plus(LoginService.CHALLENGE_TTL), NOW));
            assertThat(again).isFalse();
        }
    }
}
