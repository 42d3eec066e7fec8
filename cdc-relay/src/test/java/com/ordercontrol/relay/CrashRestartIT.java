package com.ordercontrol.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercontrol.relay.support.FakeCloud;
import com.ordercontrol.relay.support.Nuc;
import com.ordercontrol.relay.support.RelayProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The relay process is killed with SIGKILL in the middle of a drain (events in the WAL, in the queue
 * and in flight), then started again: every event reaches the cloud, and at most the one request in
 * flight at the kill is repeated (which the cloud deduplicates on eventId).
 */
class CrashRestartIT {

    @Test
    void killedMidDrainThenRestartedLosesNothingAndDoublesNothing() throws Exception {
        Nuc nuc = new Nuc("crash");
        String slot = "crash_slot";
        try (FakeCloud cloud = FakeCloud.start()) {
            cloud.delay(2); // a drain that takes seconds, so the kill lands in the middle of it
            Map<String, String> env = nuc.env(cloud, slot);
            env.put("RELAY_QUEUE_CAPACITY", "300"); // part of the backlog still waits in the WAL at the kill
            List<String> ids;
            try (RelayProcess first = RelayProcess.start(env, "crash-1")) {
                nuc.awaitSlotActive(slot);
                ids = nuc.payOrders(2000);
                await().atMost(Duration.ofSeconds(60)).until(() -> cloud.acceptedCount() >= 400);
                first.kill();
            }
            long deliveredAtKill = cloud.distinctAccepted();
            assertThat(deliveredAtKill).isLessThan(2000);
            await().atMost(Duration.ofSeconds(30)).until(() -> "false".equals(
                    nuc.string("select active::text from pg_replication_slots where slot_name = '" + slot + "'")));

            try (RelayProcess second = RelayProcess.start(env, "crash-2")) {
                await().atMost(Duration.ofSeconds(90)).until(() -> cloud.distinctAccepted() == 2000);
                await().atMost(Duration.ofSeconds(10)).until(() -> nuc.count("select count(*) from cloud_event_queue") == 0);
            }
            assertThat(cloud.acceptedIds()).containsAll(ids);
            assertThat(cloud.acceptedCount() - cloud.distinctAccepted()).as("repeated deliveries").isLessThanOrEqualTo(1);
            assertThat(nuc.count("select count(*) from relay_delivered_event")).isEqualTo(2000);
            assertThat(cloud.badSignatures()).isZero();
        }
    }
}
