package com.ordercontrol.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercontrol.relay.config.RelaySettings;
import com.ordercontrol.relay.support.FakeCloud;
import com.ordercontrol.relay.support.Nuc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The direct path: while the queue holds nothing pending, events go from the WAL to the cloud without
 * entering {@code cloud_event_queue}; when the cloud is away they are queued and delivered from the queue
 * in commit order; once the queue is empty again the direct path resumes. With
 * {@code RELAY_DIRECT_DELIVERY=false} every event goes through the queue.
 */
class DirectDeliveryIT {

    /** How many events ever entered the queue (its identity column's sequence). */
    private static final String EVER_QUEUED = """
            select case when is_called then last_value else 0 end from cloud_event_queue_queue_position_seq""";

    @Test
    void eventsSkipTheQueueWhileItIsEmptyAndGoThroughItWhileTheCloudIsAway() throws Exception {
        Nuc nuc = new Nuc("direct_path");
        String slot = "direct_path_slot";
        try (FakeCloud cloud = FakeCloud.start()) {
            Map<String, String> env = nuc.env(cloud, slot);
            env.put("RELAY_BACKOFF_BASE", "200ms");
            env.put("RELAY_BACKOFF_CAP", "200ms");
            try (Relay relay = Relay.start(RelaySettings.fromEnvironment(env))) {
                nuc.awaitSlotActive(slot);
                List<String> ids = new ArrayList<>(nuc.payOrders(200));
                await().atMost(Duration.ofSeconds(60)).until(() -> cloud.distinctAccepted() == 200);
                assertThat(nuc.count(EVER_QUEUED)).as("events that entered the queue").isZero();
                assertThat(nuc.count("select count(*) from relay_delivered_event")).isEqualTo(200);

                cloud.goDown();
                ids.addAll(nuc.payOrders(50));
                await().atMost(Duration.ofSeconds(30)).until(() -> nuc.count(EVER_QUEUED) == 50);
                cloud.comeBack();
                await().atMost(Duration.ofSeconds(60)).until(() -> cloud.distinctAccepted() == 250);
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        nuc.count("select count(*) from cloud_event_queue") == 0);

                ids.addAll(nuc.payOrders(30));
                await().atMost(Duration.ofSeconds(30)).until(() -> cloud.distinctAccepted() == 280);
                assertThat(nuc.count(EVER_QUEUED)).as("the direct path resumed once the queue was empty").isEqualTo(50);
                assertThat(cloud.acceptedIds()).as("each event once, in commit order").isEqualTo(ids);
                assertThat(relay.counters().deliveredTotal()).isEqualTo(280);
                assertThat(nuc.count("select count(*) from relay_delivered_event")).isEqualTo(280);
                assertThat(cloud.badSignatures()).isZero();
            }
        }
    }

    @Test
    void turnedOffEveryEventGoesThroughTheQueue() throws Exception {
        Nuc nuc = new Nuc("direct_off");
        String slot = "direct_off_slot";
        try (FakeCloud cloud = FakeCloud.start()) {
            Map<String, String> env = nuc.env(cloud, slot);
            env.put("RELAY_DIRECT_DELIVERY", "false");
            try (Relay relay = Relay.start(RelaySettings.fromEnvironment(env))) {
                nuc.awaitSlotActive(slot);
                List<String> ids = nuc.payOrders(100);
                await().atMost(Duration.ofSeconds(60)).until(() -> cloud.distinctAccepted() == 100);
                assertThat(cloud.acceptedIds()).isEqualTo(ids);
                assertThat(nuc.count(EVER_QUEUED)).isEqualTo(100);
            }
        }
    }
}
