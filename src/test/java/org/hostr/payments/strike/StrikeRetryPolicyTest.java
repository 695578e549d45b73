package org.hostr.payments.strike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StrikeRetryPolicyTest {
    private final StrikeRetryPolicy policy = new StrikeRetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(500));

    @Test
    void backoffDoublesUntilTheCap() {
        assertThat(policy.backoff(1, 0.999)).isEqualTo(Duration.ofMillis(99));
        assertThat(policy.backoff(2, 0.999)).isEqualTo(Duration.ofMillis(199));
        assertThat(policy.backoff(3, 0.999)).isEqualTo(Duration.ofMillis(399));
        assertThat(policy.backoff(4, 0.999)).isEqualTo(Duration.ofMillis(499));
    }

    @Test
    void jitterKeepsAtLeastHalfTheStep() {
        assertThat(policy.backoff(2, 0.0)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void zeroAttemptsIsRefused() {
        assertThatThrownBy(() -> new StrikeRetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("maxAttempts");
    }
}
