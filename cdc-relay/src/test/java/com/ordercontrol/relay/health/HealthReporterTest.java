package com.ordercontrol.relay.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercontrol.contract.ContractJson;
import com.ordercontrol.relay.counters.RelayCounters;
import com.ordercontrol.relay.delivery.CloudReply;
import com.ordercontrol.relay.support.MutableClock;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthReporterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
    private final RelayCounters counters = new RelayCounters();
    private final List<String> sent = new ArrayList<>();
    private final List<String> messageIds = new ArrayList<>();
    private volatile int answer = 202;
    private volatile boolean databaseDown;

    private final HealthReporter reporter = new HealthReporter(
            new HealthSchedule(Duration.ofSeconds(10), Duration.ofSeconds(60)),
            () -> {
                if (databaseDown) {
                    throw new SQLException("connection refused");
                }
                return HealthReportTest.status(4, 100, Duration.ofSeconds(2), 1, 512L);
            },
            (body, id) -> {
                sent.add(new String(body, java.nio.charset.StandardCharsets.UTF_8));
                messageIds.add(id);
                return new CloudReply(answer, "", Optional.empty(), Optional.empty(), clock.instant());
            },
            counters, "1.2.3", clock, clock);

    @Test
    void reportsAtStartAfterDeliveriesAtMostEveryMinIntervalAndOnAnIdleHeartbeat() throws Exception {
        reporter.tick();
        assertThat(sent).hasSize(1);
        assertThat(ContractJson.read(sent.get(0)).get("queueDepth").asLong()).isEqualTo(4);
        assertThat(ContractJson.read(sent.get(0)).get("relayVersion").asText()).isEqualTo("1.2.3");
        assertThat(ContractJson.read(sent.get(0)).get("reportedAt").asText()).isEqualTo("2026-11-29T12:00:00Z");

        counters.delivered(3);
        clock.advance(Duration.ofSeconds(5));
        reporter.tick();
        assertThat(sent).as("a delivery within the min interval waits").hasSize(1);
        clock.advance(Duration.ofSeconds(5));
        reporter.tick();
        assertThat(sent).as("after deliveries, once the min interval passed").hasSize(2);

        clock.advance(Duration.ofSeconds(59));
        reporter.tick();
        assertThat(sent).as("idle: nothing before the heartbeat").hasSize(2);
        clock.advance(Duration.ofSeconds(1));
        reporter.tick();
        assertThat(sent).as("idle heartbeat").hasSize(3);
        assertThat(messageIds).doesNotHaveDuplicates().allMatch(id -> id.startsWith("health_"));
        assertThat(counters.healthReportsTotal()).isEqualTo(3);
        assertThat(counters.healthReportFailuresTotal()).isZero();
    }

    @Test
    void aFailedReportIsCountedAndNotRetriedBeforeItsNextTime() {
        answer = CloudReply.NO_ANSWER;
        reporter.tick();
        assertThat(counters.healthReportFailuresTotal()).isEqualTo(1);

        for (int i = 0; i < 59; i++) {
            clock.advance(Duration.ofSeconds(1));
            reporter.tick();
        }
        assertThat(sent).as("no retry storm while the cloud is away").hasSize(1);
        answer = 503;
        clock.advance(Duration.ofSeconds(1));
        reporter.tick();
        assertThat(sent).hasSize(2);
        assertThat(counters.healthReportFailuresTotal()).isEqualTo(2);
        assertThat(counters.healthReportsTotal()).isZero();
    }

    @Test
    void withTheDatabaseDownTheReportStillSaysTheRelayIsAlive() throws Exception {
        databaseDown = true;
        counters.clockSkew(-40);
        reporter.tick();

        assertThat(sent).hasSize(1);
        assertThat(ContractJson.read(sent.get(0)).get("queueDepth").isNull()).isTrue();
        assertThat(ContractJson.read(sent.get(0)).get("clockSkewMillis").asLong()).isEqualTo(-40);
        assertThat(counters.healthReportsTotal()).isEqualTo(1);
    }
}
