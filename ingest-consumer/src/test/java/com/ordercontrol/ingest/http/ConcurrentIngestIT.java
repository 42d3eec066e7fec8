package com.ordercontrol.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercontrol.ingest.support.CloudServers;
import com.ordercontrol.ingest.support.Events;
import com.ordercontrol.ingest.support.IngestClient;
import com.ordercontrol.ingest.support.RunningIngest;
import com.ordercontrol.ingest.support.WebhookHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 8 item 1: 64 signed requests at once, three times over, while finance reads reports, on a real
 * service (embedded PostgreSQL, Kafka, HTTP) with its default pools. Every ingest request gets 202 and
 * every report 200; none waits for a connection another part holds. (Before: the node lookup held two
 * pooled connections per request and the pool of 10 deadlocked into 503s.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConcurrentIngestIT extends RunningIngest {

    static final int CONCURRENT = 64;
    static final int ROUNDS = 3;
    static final int REPORTS_PER_ROUND = 16;
    static final String TOKEN = "concurrent-report-token-0123";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        CloudServers.register(registry, "concurrent_it");
    }

    @Test
    void sixtyFourConcurrentSignedRequestsAllGet202AndReportsKeepAnswering() throws Exception {
        List<String> nodes = new ArrayList<>();
        for (int n = 0; n < 8; n++) {
            registry.addVenue("venue-c" + n, "C" + n, ZoneId.of("UTC"));
            registry.addNode("node-c" + n, "venue-c" + n, "secret-of-c" + n);
            nodes.add("c" + n);
        }
        tokens.register(TOKEN, "concurrency", Set.of("venue-c0"));
        IngestClient client = new IngestClient(port);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> eventIds = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT + REPORTS_PER_ROUND);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < CONCURRENT; i++) {
                    String n = nodes.get(i % nodes.size());
                    String body = Events.simple("venue-" + n, "1.00", "0.00");
                    eventIds.add(Events.eventIdOf(body));
                    answers.add(pool.submit(() -> {
                        start.await();
                        return client.post(body, WebhookHeaders.signed("node-" + n, "secret-of-" + n,
                                Events.eventIdOf(body), Instant.now(), body)).statusCode();
                    }));
                }
                for (int i = 0; i < REPORTS_PER_ROUND; i++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return client.get("/api/reports/daily-totals?venueId=venue-c0&date=2026-11-24",
                                Map.of("Authorization", "Bearer " + TOKEN)).statusCode();
                    }));
                }
                start.countDown();
                for (Future<Integer> answer : answers) {
                    statuses.merge(answer.get(), 1, Integer::sum);
                }
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses).isEqualTo(Map.of(202, CONCURRENT * ROUNDS, 200, REPORTS_PER_ROUND * ROUNDS));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from events where event_id = any (?)", Integer.class,
                (Object) eventIds.toArray(String[]::new))).isEqualTo(eventIds.size()));
    }
}
