package org.hostr.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.hostr.time.MovableClock;
import org.hostr.web.ApiError;
import org.junit.jupiter.api.Test;

class SignerAttemptsTest {
    private static final String BROWSER = "ab".repeat(32);
    private final MovableClock clock = MovableClock.systemUtc();
    private final SignerAttempts attempts = new SignerAttempts(clock, Duration.ofMinutes(5));

    @Test
    void anAttemptIsFoundOnlyWithTheBrowserTokenThatStartedIt() {
        SignerAttempt attempt = attempts.open("10.0.0.1", BROWSER);

        assertThat(attempt.id()).matches("[0-9a-f]{64}");
        assertThat(attempts.find(attempt.id(), BROWSER)).contains(attempt);
        assertThat(attempts.find(attempt.id(), "cd".repeat(32))).isEmpty();
        assertThat(attempts.find(attempt.id(), null)).isEmpty();
        assertThat(attempts.find("ff".repeat(32), BROWSER)).isEmpty();
    }

    @Test
    void oneAddressMayRunThreeAtOnceAndFinishedOnesDoNotCount() {
        SignerAttempt first = attempts.open("10.0.0.2", BROWSER);
        attempts.open("10.0.0.2", BROWSER);
        attempts.open("10.0.0.2", BROWSER);

        assertThatThrownBy(() -> attempts.open("10.0.0.2", BROWSER)).isInstanceOf(ApiError.class)
                .satisfies(e -> assertThat(((ApiError) e).status()).isEqualTo(429))
                .satisfies(e -> assertThat(((ApiError) e).code()).isEqualTo("too_many_attempts"));
        assertThat(attempts.open("10.0.0.3", BROWSER)).isNotNull();

        first.end(SignerAttemptStatus.REFUSED, "refused", "no");
        assertThat(attempts.open("10.0.0.2", BROWSER)).isNotNull();
    }

    @Test
    void theShopAsAWholeHasACap() {
        for (int i = 0; i < SignerAttempts.MAX_OPEN; i++) {
            attempts.open("10.1." + (i / 250) + "." + (i % 250), BROWSER);
        }
        assertThatThrownBy(() -> attempts.open("10.9.9.9", BROWSER)).isInstanceOf(ApiError.class);
    }

    @Test
    void attemptsExpireAndTheirSignerConversationIsClosed() {
        SignerAttempt attempt = attempts.open("10.0.0.4", BROWSER);
        boolean[] closed = {false};
        attempt.attach(() -> closed[0] = true);

        clock.advance(Duration.ofMinutes(5));

        assertThat(attempts.find(attempt.id(), BROWSER)).isEmpty();
        assertThat(attempts.size()).isZero();
        assertThat(closed[0]).isTrue();
    }

    @Test
    void aFinalStateNeverChanges() {
        SignerAttempt attempt = attempts.open("10.0.0.5", BROWSER);
        attempt.end(SignerAttemptStatus.TIMEOUT, "timeout", "too slow");

        attempt.authUrl("https://signer.example/");
        attempt.end(SignerAttemptStatus.FAILED, "x", "y");

        assertThat(attempt.view().status()).isEqualTo(SignerAttemptStatus.TIMEOUT);
        assertThat(attempt.view().message()).isEqualTo("too slow");
    }
}
