package com.ordercontrol.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.ordercontrol.contract.EventEnvelope;
import com.ordercontrol.relay.config.RelaySettings;
import com.ordercontrol.relay.support.FakeCloud;
import com.ordercontrol.relay.support.Nuc;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Walking skeleton: an outbox row becomes one signed POST, accepted, then deleted from the queue and logged. */
class RelayDeliversOutboxEventIT {

    @Test
    void outboxRowReachesTheCloudSignedAndIsLoggedAsDelivered() throws Exception {
        Nuc nuc = new Nuc("skeleton");
        try (FakeCloud cloud = FakeCloud.start();
             Relay relay = Relay.start(nuc.settings(cloud, "skeleton_slot"))) {
            nuc.awaitSlotActive("skeleton_slot");

            String eventId = nuc.payOrders(1).get(0);

            await().atMost(Duration.ofSeconds(20)).until(() -> cloud.acceptedCount() == 1);
            EventEnvelope received = cloud.accepted(eventId);
            assertThat(received.eventType()).isEqualTo("order_paid");
            assertThat(received.venueId()).isEqualTo("venue-1");
            assertThat(received.occurredAt()).isEqualTo(Instant.parse("2026-02-19T18:22:03.120Z"));
            assertThat(received.payload().get("total").asText()).isEqualTo("12.99");
            assertThat(new BigDecimal(received.payload().get("payments").get(0).get("tip").asText()))
                    .isEqualByComparingTo("2.00");
            assertThat(cloud.badSignatures()).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> nuc.count(
                    "select count(*) from relay_delivered_event where event_id = '" + eventId + "' and http_status = 202") == 1);
            assertThat(nuc.count("select count(*) from cloud_event_queue")).isZero();
            assertThat(cloud.acceptedIds()).isEqualTo(List.of(eventId));
            // Debezium's position was committed to the NUC database, not to a file.
            await().atMost(Duration.ofSeconds(5)).until(() -> nuc.count("select count(*) from relay_offset") >= 1);
        }
    }

    @Test
    void refusesToStartWithoutItsPublicationAndSaysWhichVariable() {
        Nuc nuc = new Nuc("no_publication");
        try (FakeCloud cloud = FakeCloud.start()) {
            Map<String, String> env = nuc.env(cloud, "no_publication_slot");
            env.put("RELAY_PUBLICATION_NAME", "someone_elses_publication");

            assertThatThrownBy(() -> Relay.start(RelaySettings.fromEnvironment(env)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("RELAY_PUBLICATION_NAME")
                    .hasMessageContaining("create publication someone_elses_publication for table outbox_event, relay_heartbeat");
            assertThat(nuc.count("select count(*) from pg_replication_slots where slot_name = 'no_publication_slot'")).isZero();
        }
    }
}
