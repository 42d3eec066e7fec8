package com.ordercontrol.relay.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercontrol.relay.ops.RelayStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HealthReportTest {

    private static final Instant AT = Instant.parse("2026-11-29T12:00:00.123456Z");

    static RelayStatus status(long pending, int capacity, Duration oldest, long parked, Long slotLag) {
        return new RelayStatus(pending, capacity, Optional.ofNullable(oldest), parked, 0, true, true,
                slotLag == null ? OptionalLong.empty() : OptionalLong.of(slotLag), Optional.empty(), 0, Optional.empty());
    }

    @Test
    void carriesTheStatusFiguresInTheWireContractsOrder() {
        HealthReport report = HealthReport.of(AT, "0.1.0-SNAPSHOT", status(12, 100, Duration.ofMillis(3_200), 1, 12_345L),
                false, -20L);

        assertThat(new String(report.toJson(), StandardCharsets.UTF_8)).isEqualTo("{\"reportedAt\":\"2026-11-29T12:00:00.123Z\","
                + "\"relayVersion\":\"0.1.0-SNAPSHOT\",\"queueDepth\":12,\"oldestPendingAgeSeconds\":3.2,"
                + "\"backPressure\":false,\"slotLagBytes\":12345,\"clockSkewMillis\":-20,\"parked\":1}");
    }

    @Test
    void unknownFiguresAreNullAndAFullQueueIsBackPressure() {
        HealthReport full = HealthReport.of(AT, "v", status(100, 100, null, 0, null), false, null);

        assertThat(new String(full.toJson(), StandardCharsets.UTF_8)).isEqualTo("{\"reportedAt\":\"2026-11-29T12:00:00.123Z\","
                + "\"relayVersion\":\"v\",\"queueDepth\":100,\"oldestPendingAgeSeconds\":null,\"backPressure\":true,"
                + "\"slotLagBytes\":null,\"clockSkewMillis\":null,\"parked\":0}");
        assertThat(HealthReport.of(AT, "v", status(3, 100, null, 0, 0L), true, null).backPressure()).isTrue();
    }

    @Test
    void withoutTheDatabaseOnlyWhatTheProcessKnowsIsSent() {
        HealthReport report = HealthReport.withoutDatabase(AT, "v", false, 7L);

        assertThat(new String(report.toJson(), StandardCharsets.UTF_8)).isEqualTo("{\"reportedAt\":\"2026-11-29T12:00:00.123Z\","
                + "\"relayVersion\":\"v\",\"queueDepth\":null,\"oldestPendingAgeSeconds\":null,\"backPressure\":null,"
                + "\"slotLagBytes\":null,\"clockSkewMillis\":7,\"parked\":null}");
    }

    @Test
    void theVersionComesFromTheBuild() {
        assertThat(RelayVersion.current()).matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
