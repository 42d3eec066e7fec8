package com.ordercontrol.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercontrol.relay.support.FakeCloud;
import com.ordercontrol.relay.support.Nuc;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A cloud that answers 503 and then 429 with {@code Retry-After: 1} is tried again after about a
 * second each time, not after the 30 s × 2ⁿ outage schedule (which stays the default here).
 */
class RetryAfterIT {

    @Test
    void aThrottledRequestIsRetriedWhenTheCloudSaysNotAfterThirtySeconds() throws Exception {
        Nuc nuc = new Nuc("retry_after");
        String slot = "retry_after_slot";
        try (FakeCloud cloud = FakeCloud.start()) {
            Map<String, String> env = nuc.env(cloud, slot);
            env.put("RELAY_BACKOFF_BASE", "30s");
            env.put("RELAY_BACKOFF_JITTER", "0");
            env.put("RELAY_WORKER_INTERVAL", "30s");
            AtomicInteger requests = new AtomicInteger();
            cloud.retryAfter(1);
            cloud.answer(e -> switch (requests.getAndIncrement()) {
                case 0, 1 -> 503;
                case 2 -> 429;
                default -> 202;
            });
            try (Relay relay = Relay.start(com.ordercontrol.relay.config.RelaySettings.fromEnvironment(env))) {
                nuc.awaitSlotActive(slot);
                String eventId = nuc.payOrders(1).get(0);

                await().atMost(Duration.ofSeconds(20)).until(() -> cloud.timesAccepted(eventId) == 1);
                List<Long> at = cloud.requestNanos();
                assertThat(at).hasSize(4);
                for (int i = 1; i < at.size(); i++) {
                    assertThat(Duration.ofNanos(at.get(i) - at.get(i - 1))).as("wait before attempt %d", i + 1)
                            .isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
                }
                assertThat(relay.counters().retryAfterHonouredTotal()).isEqualTo(3);
                assertThat(relay.status().parked()).isZero();
                await().atMost(Duration.ofSeconds(5)).until(() -> nuc.count("select count(*) from cloud_event_queue") == 0);
            }
        }
    }
}
