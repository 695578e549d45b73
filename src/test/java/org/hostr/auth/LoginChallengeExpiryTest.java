package org.hostr.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.hostr.audit.AuditLog;
import org.hostr.customers.CustomerService;
import org.hostr.db.Database;
import org.hostr.testing.TestDatabases;
import org.hostr.testing.TestDatabases.Kind;
import org.hostr.testing.TestNostr;
import org.hostr.time.MovableClock;
import org.hostr.web.ApiError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoginChallengeExpiryTest {
    private final Database database = TestDatabases.open(Kind.SQLITE);
    private final MovableClock clock = MovableClock.systemUtc();
    private final LoginService login = new LoginService(database,
            new CustomerService(database, new AuditLog(database.dsl()), clock), Set.of(), TestNostr.BASE,
            "test-session-secret-0123456789abcdefghij", clock);
    private final TestNostr key = new TestNostr();

    @AfterEach
    void close() {
        database.close();
    }

    private String header(String challenge) {
        return TestNostr.header(key.sign(27235, List.of(List.of("u", TestNostr.BASE + "/api/v1/auth/login"),
                List.of("method", "POST"), List.of("challenge", challenge)), clock.instant().getEpochSecond()));
    }

    @Test
    void aChallengeWorksForFiveMinutes() {
        String challenge = login.newChallenge().challenge();
        clock.advance(Duration.ofMinutes(4).plusSeconds(50));

        assertThat(login.logIn(header(challenge)).customer().pubkey()).isEqualTo(key.pubkey());
    }

    @Test
    void anExpiredChallengeIsUnknownAndStoresNothing() {
        String challenge = login.newChallenge().challenge();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        ApiError refused = catchThrowableOfType(() -> login.logIn(header(challenge)), ApiError.class);

        assertThat(refused.code()).isEqualTo("unknown_challenge");
        assertThat(database.dsl().fetchCount(org.hostr.db.generated.Tables.LOGIN_CHALLENGES)).isZero();
        assertThat(database.dsl().fetchCount(org.hostr.db.generated.Tables.CUSTOMERS)).isZero();
    }

    @Test
    void aChallengeSealedToLiveFarLongerThanFiveMinutesIsUnknown() {
        String challenge = new ChallengeSeal("test-session-secret-0123456789abcdefghij")
                .issue(clock.instant().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

        ApiError refused = catchThrowableOfType(() -> login.logIn(header(challenge)), ApiError.class);

        assertThat(refused.code()).isEqualTo("unknown_challenge");
        assertThat(database.dsl().fetchCount(org.hostr.db.generated.Tables.LOGIN_CHALLENGES)).isZero();
    }

    @Test
    void issuingChallengesWritesNothing() {
        for (int i = 0; i < 50; i++) {
            login.newChallenge();
        }

        assertThat(database.dsl().fetchCount(org.hostr.db.generated.Tables.LOGIN_CHALLENGES)).isZero();
    }
}
