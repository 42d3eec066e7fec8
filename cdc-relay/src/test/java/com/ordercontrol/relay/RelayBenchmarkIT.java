package com.ordercontrol.relay;

import static org.awaitility.Awaitility.await;

import com.ordercontrol.relay.support.FakeCloud;
import com.ordercontrol.relay.support.Nuc;
import com.ordercontrol.relay.support.RelayProcess;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Figures for the docs, not a test of behaviour; excluded from the default build.
 * Run: {@code mvn -B -pl cdc-relay -am verify -Dtest=NONE -Dit.test=RelayBenchmarkIT -Drelay.it.excludedGroups=none
 * -Dsurefire.failIfNoSpecifiedTests=false}. The relay runs as its own JVM (-Xmx128m, Serial GC) against the
 * in-test HTTP endpoint; RSS is read from /proc, the relay's own stage timings from its log at stop.
 */
@Tag("benchmark")
class RelayBenchmarkIT {

    @Test
    void printsLatencyAtFiftyOrdersPerSecondBacklogDrainAndMemory() throws Exception {
        List<String> jvm = List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        Nuc nuc = new Nuc("benchmark");
        String slot = "benchmark_slot";
        try (FakeCloud cloud = FakeCloud.start()) {
            Map<String, String> env = nuc.env(cloud, slot);
            env.put("RELAY_HEARTBEAT_INTERVAL", "10s");
            env.put("RELAY_WORKER_INTERVAL", "30s");
            env.put("RELAY_HTTP_TIMEOUT", "10s"); // the box is shared: a slow answer is not an outage here
            // A short fixed backoff, so the drain starts as soon as the cloud answers again.
            env.put("RELAY_BACKOFF_BASE", "200ms");
            env.put("RELAY_BACKOFF_CAP", "200ms");
            System.getenv().forEach((k, v) -> {
                if (k.startsWith("RELAY_BENCH_")) {
                    env.put("RELAY_" + k.substring("RELAY_BENCH_".length()), v); // RELAY_BENCH_POLL_INTERVAL=2ms, ...
                }
            });
            long base;
            // Phase 1, its own relay process so its stage timings are its own: latency at 50 orders/s.
            RelayProcess relay = start(env, "benchmark-latency", jvm);
            try {
                nuc.awaitSlotActive(slot);
                await().pollDelay(Duration.ofSeconds(3)).until(() -> true); // let start-up settle before measuring
                // One order per transaction, every 20 ms, for 10 s.
                List<String> ids = new ArrayList<>();
                List<Long> committed = new ArrayList<>();
                long next = System.nanoTime();
                for (int i = 0; i < 500; i++) {
                    LockSupport.parkNanos(next - System.nanoTime());
                    next += 20_000_000L;
                    ids.add(nuc.payOrders(1).get(0));
                    committed.add(System.nanoTime());
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id -> cloud.timesAccepted(id) >= 1));
                long[] micros = new long[ids.size()];
                for (int i = 0; i < ids.size(); i++) {
                    micros[i] = (cloud.firstAcceptedNanos(ids.get(i)) - committed.get(i)) / 1000;
                }
                Arrays.sort(micros);
                System.out.printf("BENCHMARK commit-to-cloud at 50 orders/s over %d orders: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        micros.length, micros[micros.length / 2] / 1000.0, micros[(int) (micros.length * 0.99)] / 1000.0,
                        micros[micros.length - 1] / 1000.0);
                base = cloud.distinctAccepted();
            } finally {
                relay.close();
            }
            printStages(relay);

            // Phase 2: a 10,000-event backlog, paid while the relay is stopped, drained by a fresh relay.
            nuc.payOrders(10_000);
            int requestsBefore = cloud.batchSizes().size();
            long t1 = System.nanoTime();
            relay = start(env, "benchmark-drain", jvm);
            try {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
                        .until(() -> cloud.distinctAccepted() >= base + 10_000);
                long drainMillis = (System.nanoTime() - t1) / 1_000_000;
                List<Integer> sizes = cloud.batchSizes().subList(requestsBefore, cloud.batchSizes().size());
                long firstRequest = cloud.requestNanos().get(requestsBefore);
                long fromFirstRequest = (System.nanoTime() - firstRequest) / 1_000_000;
                System.out.printf("BENCHMARK 10,000-event backlog (in the outbox and the WAL at start) drained in %d ms from"
                        + " the relay's start, %d ms from its first request: %.0f events/s; %d requests, largest batch %d%n",
                        drainMillis, fromFirstRequest, 10_000 * 1000.0 / fromFirstRequest, sizes.size(),
                        sizes.stream().mapToInt(Integer::intValue).max().orElse(0));
                System.out.printf("BENCHMARK relay RSS after draining 10,000 events %d MiB%n", relay.rssKib() / 1024);
            } finally {
                relay.close();
            }
            printStages(relay);
        }
    }

    private static RelayProcess start(Map<String, String> env, String name, List<String> jvm) throws Exception {
        Files.deleteIfExists(java.nio.file.Path.of("target", "relay-process-" + name + ".log"));
        return RelayProcess.start(env, name, jvm);
    }

    private static void printStages(RelayProcess relay) throws Exception {
        Files.readAllLines(relay.log()).stream().filter(l -> l.contains("since start:"))
                .forEach(l -> System.out.println("BENCHMARK relay " + l.substring(l.indexOf("since start:"))));
    }
}
