package com.ordercontrol.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercontrol.relay.support.FakeCloud;
import com.ordercontrol.relay.support.Nuc;
import com.ordercontrol.relay.support.RelayProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The relay process is killed with SIGKILL in the middle of a batch drain: the cloud has stored the
 * batch in flight but the relay never heard the answer, more events wait in the queue and in the WAL.
 * After a restart every event reaches the cloud, in commit order; only the batch in flight at the kill
 * is sent again (which the cloud deduplicates on eventId).
 */
class CrashRestartIT {

    private static final int BATCH = 50;

    @Test
    void killedMidBatchThenRestartedLosesNothingAndKeepsOrder() throws Exception {
        Nuc nuc = new Nuc("crash");
        String slot = "crash_slot";
        try (FakeCloud cloud = FakeCloud.start()) {
            Map<String, String> env = nuc.env(cloud, slot);
            env.put("RELAY_QUEUE_CAPACITY", "300"); // part of the backlog still waits in the WAL at the kill
            env.put("RELAY_BATCH_MAX_EVENTS", String.valueOf(BATCH));
            List<String> ids;
            try (RelayProcess first = RelayProcess.start(env, "crash-1")) {
                nuc.awaitSlotActive(slot);
                cloud.holdAnswerOnceAccepted(400);
                ids = nuc.payOrders(2000);
                assertThat(cloud.awaitHeld(Duration.ofSeconds(60))).as("a batch reached the cloud").isTrue();
                first.kill(); // the cloud has the held batch; the relay never gets its answer
                cloud.release();
            }
            long deliveredAtKill = cloud.distinctAccepted();
            assertThat(deliveredAtKill).isBetween(400L, 399L + BATCH);
            assertThat(nuc.count("select count(*) from relay_delivered_event")).isLessThan(deliveredAtKill);
            await().atMost(Duration.ofSeconds(30)).until(() -> "false".equals(
                    nuc.string("select active::text from pg_replication_slots where slot_name = '" + slot + "'")));

            try (RelayProcess second = RelayProcess.start(env, "crash-2")) {
                await().atMost(Duration.ofSeconds(90)).until(() -> cloud.distinctAccepted() == 2000);
                await().atMost(Duration.ofSeconds(10)).until(() -> nuc.count("select count(*) from cloud_event_queue") == 0);
            }
            List<String> firstArrivals = new ArrayList<>(new LinkedHashSet<>(cloud.acceptedIds()));
            assertThat(firstArrivals).as("each event's first arrival, in commit order").isEqualTo(ids);
            assertThat(cloud.acceptedCount() - cloud.distinctAccepted()).as("events sent twice (the batch in flight)")
                    .isBetween(1L, (long) BATCH);
            assertThat(cloud.batchSizes()).as("batches were sent").anySatisfy(n -> assertThat(n).isGreaterThan(1))
                    .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(BATCH));
            assertThat(nuc.count("select count(*) from relay_delivered_event")).isEqualTo(2000);
            assertThat(cloud.badSignatures()).isZero();
        }
    }
}
