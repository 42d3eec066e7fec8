package com.ordercontrol.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercontrol.relay.config.RelaySettings;
import com.ordercontrol.relay.support.FakeCloud;
import com.ordercontrol.relay.support.Nuc;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A backlog goes out in batches (JSON arrays, within the event and byte limits), each event once and
 * in commit order; an idle relay sends a single event as a plain envelope; a cloud that refuses
 * arrays gets the events one by one, and nothing is parked for it.
 */
class BatchDeliveryIT {

    @Test
    void aBacklogIsSentInOrderedBatchesWithinTheLimitsAndAnIdleEventAlone() throws Exception {
        Nuc nuc = new Nuc("batch_drain");
        String slot = "batch_drain_slot";
        try (FakeCloud cloud = FakeCloud.start()) {
            Map<String, String> env = nuc.env(cloud, slot);
            env.put("RELAY_BATCH_MAX_EVENTS", "100");
            env.put("RELAY_BATCH_MAX_BYTES", "16384");
            env.put("RELAY_BACKOFF_BASE", "200ms"); // the drain starts soon after the cloud is back
            env.put("RELAY_BACKOFF_CAP", "200ms");
            try (Relay relay = Relay.start(RelaySettings.fromEnvironment(env))) {
                nuc.awaitSlotActive(slot);
                cloud.goDown(); // a backlog builds up
                List<String> ids = nuc.payOrders(3000);
                await().atMost(Duration.ofSeconds(30)).until(() -> relay.counters().backPressure());
                cloud.comeBack();

                await().atMost(Duration.ofSeconds(60)).until(() -> cloud.distinctAccepted() == 3000);
                await().atMost(Duration.ofSeconds(5)).until(() -> nuc.count("select count(*) from cloud_event_queue") == 0);
                assertThat(cloud.acceptedIds()).as("each event once, in commit order").isEqualTo(ids);
                assertThat(cloud.batchSizes()).allSatisfy(n -> assertThat(n).isBetween(1, 100));
                assertThat(cloud.batchSizes().stream().mapToInt(Integer::intValue).max().getAsInt()).isGreaterThan(20);
                assertThat(cloud.bodySizes()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(16384));
                assertThat(cloud.batchSizes().size()).as("requests for 3,000 events").isLessThan(3000 / 10);
                assertThat(relay.counters().deliveredTotal()).isEqualTo(3000);

                int requestsBefore = cloud.batchSizes().size();
                String idle = nuc.payOrders(1).get(0);
                await().atMost(Duration.ofSeconds(10)).until(() -> cloud.timesAccepted(idle) == 1);
                assertThat(cloud.batchSizes().subList(requestsBefore, cloud.batchSizes().size())).containsExactly(1);
                assertThat(cloud.badSignatures()).isZero();
            }
        }
    }

    @Test
    void aCloudThatRefusesArraysGetsEventsOneByOneAndNothingIsParked() throws Exception {
        Nuc nuc = new Nuc("batch_refused");
        String slot = "batch_refused_slot";
        try (FakeCloud cloud = FakeCloud.start()) {
            cloud.refuseArrays(true);
            try (Relay relay = Relay.start(nuc.settings(cloud, slot))) {
                nuc.awaitSlotActive(slot);
                List<String> ids = nuc.payOrders(300);

                await().atMost(Duration.ofSeconds(60)).until(() -> cloud.distinctAccepted() == 300);
                assertThat(cloud.acceptedIds()).isEqualTo(ids);
                assertThat(relay.status().parked()).isZero();
                assertThat(relay.counters().parkedTotal()).isZero();
            }
        }
    }
}
