package com.ordercontrol.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercontrol.ingest.support.CloudServers;
import com.ordercontrol.ingest.support.Events;
import com.ordercontrol.ingest.support.IngestClient;
import com.ordercontrol.ingest.support.RunningIngest;
import com.ordercontrol.ingest.support.WebhookHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 8 item 1: node credentials are cached, and a disable takes effect within the documented bound
 * ({@code ingest.node-cache-ttl}, here 2 s) plus a margin for a loaded machine; after that every request
 * of the node gets 403.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ingest.node-cache-ttl=2s")
class NodeCacheIT extends RunningIngest {

    static final Duration TTL = Duration.ofSeconds(2);
    static final Duration MARGIN = Duration.ofSeconds(3);

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        CloudServers.register(registry, "node_cache_it");
    }

    int post(IngestClient client) {
        String body = Events.simple("venue-t", "1.00", "0.00");
        return client.post(body, WebhookHeaders.signed("node-t", "secret-of-t", Events.eventIdOf(body), Instant.now(),
                body)).statusCode();
    }

    @Test
    void aDisabledNodeIsRefusedWithinTheCacheTtl() throws Exception {
        registry.addVenue("venue-t", "T", ZoneId.of("UTC"));
        registry.addNode("node-t", "venue-t", "secret-of-t");
        IngestClient client = new IngestClient(port);
        assertThat(post(client)).isEqualTo(202);

        registry.setEnabled("node-t", false);
        long disabledAt = System.nanoTime();
        int status;
        do {
            status = post(client);
            Thread.sleep(100);
        } while (status == 202 && System.nanoTime() - disabledAt < TTL.plus(MARGIN).toNanos());
        Duration took = Duration.ofNanos(System.nanoTime() - disabledAt);

        assertThat(status).as("status %s after %s", status, took).isEqualTo(403);
        assertThat(took).isLessThan(TTL.plus(MARGIN));
        for (int i = 0; i < 5; i++) {
            assertThat(post(client)).isEqualTo(403);
        }
    }
}
