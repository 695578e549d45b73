package org.hostr.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(5), 2.0, Duration.ofHours(1), 0.2);

    @Test
    void delayDoublesFromTheBaseWithoutJitterInTheMiddleOfTheRange() {
        assertThat(policy.delayAfter(1, 0.5)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.delayAfter(2, 0.5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.delayAfter(5, 0.5)).isEqualTo(Duration.ofSeconds(80));
    }

    @Test
    void jitterSpreadsTheDelayByAtMostTwentyPercent() {
        assertThat(policy.delayAfter(2, 0.0)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.delayAfter(2, 0.999999)).isBetween(Duration.ofMillis(11_999), Duration.ofSeconds(12));
    }

    @Test
    void delayNeverExceedsTheCap() {
        assertThat(policy.delayAfter(30, 0.999)).isEqualTo(Duration.ofHours(1));
        assertThat(policy.delayAfter(1_000, 0.5)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void lastErrorKeepsClassMessageAndRootCauseButNoStackTrace() {
        Exception failure = new RetryableJobException("WHM createacct timed out", new IOException("read timed out"));

        assertThat(LastError.describe(failure))
                .isEqualTo("RetryableJobException: WHM createacct timed out (caused by IOException: read timed out)");
    }

    @Test
    void lastErrorIsTrimmed() {
        String text = LastError.describe(new IllegalStateException("x".repeat(5_000)));

        assertThat(text).hasSize(LastError.MAX_LENGTH).endsWith("…");
    }
}
