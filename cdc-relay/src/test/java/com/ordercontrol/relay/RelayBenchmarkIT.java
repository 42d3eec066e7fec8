package com.ordercontrol.relay;

import static org.awaitility.Awaitility.await;

import com.ordercontrol.relay.support.FakeCloud;
import com.ordercontrol.relay.support.Nuc;
import com.ordercontrol.relay.support.RelayProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Figures for the closing note, not a test of behaviour; excluded from the default build.
 * Run: {@code mvn -B -pl cdc-relay verify -Dit.test=RelayBenchmarkIT -Drelay.it.excludedGroups=none}.
 * The relay runs as its own JVM at -Xmx128m; RSS is read from /proc.
 */
@Tag("benchmark")
class RelayBenchmarkIT {

    @Test
    void printsMemoryAndBacklogDrainTime() throws Exception {
        run("benchmark_default_gc", List.of("-Xmx128m"));
        run("benchmark_serial_gc", List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    }

    private static void run(String name, List<String> jvm) throws Exception {
        Nuc nuc = new Nuc(name);
        String slot = name + "_slot";
        System.out.println("BENCHMARK relay JVM options " + jvm);
        try (FakeCloud cloud = FakeCloud.start()) {
            Map<String, String> env = nuc.env(cloud, slot);
            env.put("RELAY_HEARTBEAT_INTERVAL", "10s");
            // A short fixed backoff, so the drain starts as soon as the cloud answers again.
            env.put("RELAY_BACKOFF_BASE", "200ms");
            env.put("RELAY_BACKOFF_CAP", "200ms");
            try (RelayProcess relay = RelayProcess.start(env, name, jvm)) {
                nuc.awaitSlotActive(slot);
                await().pollDelay(Duration.ofSeconds(3)).until(() -> true); // let start-up settle before measuring
                long rssStart = relay.rssKib();

                // Commit-to-accepted latency, one order at a time (includes queue commit, signing, HTTP).
                long[] latencies = new long[200];
                for (int i = 0; i < latencies.length; i++) {
                    int expected = cloud.acceptedCount() + 1;
                    nuc.payOrders(1);
                    long start = System.nanoTime(); // after the commit returned
                    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                            .until(() -> cloud.acceptedCount() >= expected);
                    latencies[i] = (System.nanoTime() - start) / 1000;
                }
                java.util.Arrays.sort(latencies);
                System.out.printf("BENCHMARK commit-to-cloud latency over %d orders: p50 %.1f ms, p99 %.1f ms%n",
                        latencies.length, latencies[latencies.length / 2] / 1000.0,
                        latencies[(int) (latencies.length * 0.99)] / 1000.0);
                int base = cloud.acceptedCount();

                long t0 = System.nanoTime();
                nuc.payOrders(10_000);
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50)).until(() -> nuc.count(
                        "select (select count(*) from cloud_event_queue) + (select count(*) from relay_delivered_event)") >= base + 10_000);
                long capturedMillis = (System.nanoTime() - t0) / 1_000_000;
                await().atMost(Duration.ofMinutes(3)).until(() -> cloud.acceptedCount() >= base + 10_000);
                long tenThousandMillis = (System.nanoTime() - t0) / 1_000_000;
                long rssAfter = relay.rssKib();

                cloud.answer(503);
                nuc.payOrders(5_000);
                await().atMost(Duration.ofMinutes(1)).until(() -> nuc.count("select count(*) from cloud_event_queue") == 1000);
                long t1 = System.nanoTime();
                cloud.answer(202);
                await().atMost(Duration.ofMinutes(3)).until(() -> cloud.distinctAccepted() >= base + 15_000);
                long drainMillis = (System.nanoTime() - t1) / 1_000_000;

                System.out.printf("BENCHMARK relay RSS after start: %d MiB%n", rssStart / 1024);
                System.out.printf("BENCHMARK 10,000 events paid -> accepted by the cloud in %d ms (%.0f events/s)%n",
                        tenThousandMillis, 10_000 * 1000.0 / tenThousandMillis);
                System.out.printf("BENCHMARK 10,000 events in the queue or delivered (captured from the WAL) after %d ms%n",
                        capturedMillis);
                System.out.printf("BENCHMARK relay RSS after 10,000 events: %d MiB%n", rssAfter / 1024);
                System.out.printf("BENCHMARK 5,000-event backlog (1,000 queued + 4,000 in WAL) drained in %d ms%n",
                        drainMillis);
                System.out.printf("BENCHMARK relay RSS after 15,000 events: %d MiB%n", relay.rssKib() / 1024);
            }
        }
    }
}
