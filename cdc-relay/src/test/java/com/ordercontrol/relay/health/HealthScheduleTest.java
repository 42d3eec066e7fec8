package com.ordercontrol.relay.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HealthScheduleTest {

    private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void firstReportAtOnceThenAfterDeliveriesAtMostEveryMinIntervalAndOtherwiseOnTheHeartbeat() {
        HealthSchedule schedule = new HealthSchedule(Duration.ofSeconds(10), Duration.ofSeconds(60));

        assertThat(schedule.due(T0, 0)).isTrue();
        schedule.sent(T0, 0);
        assertThat(schedule.due(T0.plusSeconds(9), 5)).as("deliveries, but within the min interval").isFalse();
        assertThat(schedule.due(T0.plusSeconds(10), 5)).as("deliveries, min interval passed").isTrue();
        assertThat(schedule.due(T0.plusSeconds(59), 0)).as("idle, before the heartbeat").isFalse();
        assertThat(schedule.due(T0.plusSeconds(60), 0)).as("idle heartbeat").isTrue();

        schedule.sent(T0.plusSeconds(10), 5);
        assertThat(schedule.due(T0.plusSeconds(30), 5)).as("no delivery since the last report").isFalse();
        assertThat(schedule.due(T0.plusSeconds(70), 5)).isTrue();
    }

    @Test
    void looksOftenEnoughForShortIntervalsButNeverBusierThanItNeeds() {
        assertThat(new HealthSchedule(Duration.ofSeconds(10), Duration.ofSeconds(60)).tick()).isEqualTo(Duration.ofSeconds(1));
        assertThat(new HealthSchedule(Duration.ofSeconds(10), Duration.ofSeconds(2)).tick()).isEqualTo(Duration.ofMillis(500));
    }
}
