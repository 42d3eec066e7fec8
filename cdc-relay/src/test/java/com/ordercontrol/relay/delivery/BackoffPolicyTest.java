package com.ordercontrol.relay.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffPolicyTest {

    private static final Instant NOW = Instant.parse("2026-02-19T18:00:00Z");

    @Test
    void doublesFromThirtySecondsAndCapsAtOneHour() {
        BackoffPolicy policy = new BackoffPolicy(Duration.ofSeconds(30), Duration.ofHours(1), 0, () -> 0.5);

        assertThat(IntStream.range(0, 12).mapToObj(policy::delay).map(Duration::getSeconds))
                .containsExactly(30L, 60L, 120L, 240L, 480L, 960L, 1920L, 3600L, 3600L, 3600L, 3600L, 3600L);
    }

    @Test
    void neverOverflowsForHugeAttemptCounts() {
        BackoffPolicy policy = new BackoffPolicy(Duration.ofSeconds(30), Duration.ofHours(1), 0, () -> 0);

        assertThat(policy.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
        assertThat(policy.delay(-1)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void addsJitterAsAFractionOfTheDelay() {
        BackoffPolicy policy = new BackoffPolicy(Duration.ofSeconds(30), Duration.ofHours(1), 0.1, () -> 0.5);

        // 120 s delay + 0.1 × 0.5 × 120 s = 6 s of jitter
        assertThat(policy.nextAttemptAt(NOW, 2)).isEqualTo(NOW.plusSeconds(126));
    }

    @Test
    void withoutJitterTheScheduleIsExact() {
        BackoffPolicy policy = new BackoffPolicy(Duration.ofSeconds(30), Duration.ofHours(1), 0, () -> 0.99);

        assertThat(policy.nextAttemptAt(NOW, 0)).isEqualTo(NOW.plusSeconds(30));
        assertThat(policy.nextAttemptAt(NOW, 9)).isEqualTo(NOW.plusSeconds(3600));
    }

    @Test
    void rejectsACapShorterThanTheBase() {
        assertThatThrownBy(() -> new BackoffPolicy(Duration.ofMinutes(5), Duration.ofMinutes(1), 0, () -> 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("base");
    }

    @Test
    void theCloudsRetryAfterWinsOverTheSchedule() {
        BackoffPolicy policy = new BackoffPolicy(Duration.ofSeconds(30), Duration.ofHours(1), 0.1, () -> 0.99);

        assertThat(policy.nextAttemptAt(NOW, 0, Optional.of(Duration.ofSeconds(1)))).isEqualTo(NOW.plusSeconds(1));
        assertThat(policy.nextAttemptAt(NOW, 7, Optional.of(Duration.ofSeconds(5)))).isEqualTo(NOW.plusSeconds(5));
        assertThat(policy.nextAttemptAt(NOW, 0, Optional.of(Duration.ZERO))).isEqualTo(NOW);
    }

    @Test
    void retryAfterIsBoundedByTheCap() {
        BackoffPolicy policy = new BackoffPolicy(Duration.ofSeconds(30), Duration.ofHours(1), 0, () -> 0);

        assertThat(policy.nextAttemptAt(NOW, 0, Optional.of(Duration.ofHours(5)))).isEqualTo(NOW.plusSeconds(3600));
    }

    @Test
    void withoutRetryAfterTheScheduleApplies() {
        BackoffPolicy policy = new BackoffPolicy(Duration.ofSeconds(30), Duration.ofHours(1), 0, () -> 0);

        assertThat(policy.nextAttemptAt(NOW, 3, Optional.empty())).isEqualTo(NOW.plusSeconds(240));
    }
}
