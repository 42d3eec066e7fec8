package com.ordercontrol.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercontrol.relay.config.RelaySettings;
import com.ordercontrol.relay.support.FakeCloud;
import com.ordercontrol.relay.support.Nuc;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 3, the relay side over real HTTP: the node health report goes to
 * {@code /api/nodes/<node>/health} signed like an event delivery (both schemes), at start and on the
 * heartbeat, with the queue's figures, the slot lag from {@code pg_replication_slots}, the clock skew
 * learnt from the cloud's {@code Date} and the build's version.
 */
class RelayReportsNodeHealthIT {

    @Test
    void reportsItsHealthSignedAtStartAfterDeliveriesAndOnTheHeartbeat() throws Exception {
        Nuc nuc = new Nuc("health");
        try (FakeCloud cloud = FakeCloud.start()) {
            Map<String, String> env = nuc.env(cloud, "health_slot");
            env.put("RELAY_HEALTH_INTERVAL", "1s");
            env.put("RELAY_HEALTH_MIN_INTERVAL", "1s");
            Instant started = Instant.now();
            try (Relay relay = Relay.start(RelaySettings.fromEnvironment(env))) {
                nuc.awaitSlotActive("health_slot");
                await().atMost(Duration.ofSeconds(20)).until(() -> !cloud.healthReports().isEmpty());
                JsonNode first = cloud.healthReports().get(0);
                assertThat(Instant.parse(first.get("reportedAt").asText())).isBetween(started.minusSeconds(1), Instant.now());
                assertThat(first.get("relayVersion").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
                assertThat(first.get("queueDepth").asLong()).isZero();
                assertThat(first.get("parked").asLong()).isZero();
                assertThat(first.get("backPressure").asBoolean()).isFalse();
                assertThat(first.get("oldestPendingAgeSeconds").isNull()).isTrue();
                // A new slot has no confirmed position until Debezium first commits one: its lag is unknown (null).
                assertThat(first.get("slotLagBytes").isNull() || first.get("slotLagBytes").isIntegralNumber()).isTrue();

                nuc.payOrders(3);
                await().atMost(Duration.ofSeconds(20)).until(() -> cloud.acceptedCount() == 3);
                // The heartbeat goes on, and the cloud's Date header of earlier answers gives the clock skew.
                int before = cloud.healthReports().size();
                await().atMost(Duration.ofSeconds(20)).until(() -> cloud.healthReports().size() >= before + 2);
                List<JsonNode> reports = cloud.healthReports();
                JsonNode last = reports.get(reports.size() - 1);
                assertThat(last.get("clockSkewMillis").isIntegralNumber()).isTrue();
                assertThat(Math.abs(last.get("clockSkewMillis").asLong())).isLessThan(5_000);
                assertThat(last.get("queueDepth").asLong()).isZero();
                assertThat(last.get("slotLagBytes").isIntegralNumber()).as("slot lag from pg_replication_slots").isTrue();
                assertThat(cloud.badSignatures()).isZero();
                assertThat(relay.counters().healthReportsTotal()).isGreaterThanOrEqualTo(reports.size());
                assertThat(relay.counters().healthReportFailuresTotal()).isZero();
            }
        }
    }
}
