package com.ordercontrol.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercontrol.ingest.support.CloudServers;
import com.ordercontrol.ingest.support.Events;
import com.ordercontrol.ingest.support.FactTables;
import com.ordercontrol.ingest.support.IngestClient;
import com.ordercontrol.ingest.support.RunningIngest;
import com.ordercontrol.ingest.support.TopicRecords;
import com.ordercontrol.ingest.support.WebhookHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 4, verification and statuses: every refusal gets its status, is counted, and leaves the topic,
 * {@code events} and {@code payment_facts} unchanged; Standard Webhooks and secret rotation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ingest.max-body-bytes=4096")
class IngestRefusalsIT extends RunningIngest {

    static final String UNAUTHORIZED_BODY =
            "{\"status\":401,\"error\":\"missing, malformed or wrong signature, or unknown node\"}";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        CloudServers.register(registry, "refusals_it");
    }

    IngestClient client;
    FactTables tables;

    @BeforeEach
    void registerVenuesAndNodes() {
        registry.addVenue("venue-a", "A", ZoneId.of("UTC"));
        registry.addVenue("venue-b", "B", ZoneId.of("UTC"));
        registry.addLegacyNode("node-a", "venue-a", "secret-of-a");
        registry.addLegacyNode("node-b", "venue-b", "secret-of-b");
        client = new IngestClient(port);
        tables = new FactTables(jdbc, CloudServers.kafka().bootstrapServers(), topic);
    }

    /** Posts, checks the status, and proves the refused event left no trace once a later event is stored. */
    private void assertRefusedWithoutTrace(int status, String body, Map<String, String> headers, String venue,
            String counter) {
        long topicBefore = tables.topicSize();
        long counted = counters.get(counter);
        HttpResponse<String> response = client.post(body, headers);
        assertThat(response.statusCode()).as(counter).isEqualTo(status);
        assertThat(counters.get(counter)).as(counter).isEqualTo(counted + 1);
        assertThat(tables.topicSize()).as("topic unchanged by " + counter).isEqualTo(topicBefore);
        if (status == 401) {
            assertThat(response.body()).isEqualTo(UNAUTHORIZED_BODY);
        }
        String marker = Events.simple(venue, "1.00", "0.00");
        String markerNode = venue.equals("venue-a") ? "node-a" : "node-b";
        String markerSecret = venue.equals("venue-a") ? "secret-of-a" : "secret-of-b";
        assertThat(client.postSigned(markerNode, markerSecret, marker).statusCode()).isEqualTo(202);
        tables.awaitEvent(Events.eventIdOf(marker));
        if (body.startsWith("{\"eventId\"")) {
            assertThat(tables.events(Events.eventIdOf(body))).isZero();
            assertThat(tables.factsOfEvent(Events.eventIdOf(body))).isZero();
        }
    }

    private static Map<String, String> seed(String nodeId, String signature) {
        Map<String, String> headers = new HashMap<>();
        if (nodeId != null) {
            headers.put("X-Server-Node-Id", nodeId);
        }
        if (signature != null) {
            headers.put("X-Request-Signature", signature);
        }
        return headers;
    }

    @Test
    void missingMalformedWrongSignaturesAndUnknownNodesGetTheSame401() {
        String body = Events.simple("venue-a", "9.00", "0.00");
        String good = IngestClient.seedSignature("secret-of-a", Events.bytes(body));
        assertRefusedWithoutTrace(401, body, seed("node-a", null), "venue-a", "ingest.refused.401.missing_signature");
        assertRefusedWithoutTrace(401, body, seed(null, good), "venue-a", "ingest.refused.401.missing_node_id");
        assertRefusedWithoutTrace(401, body, seed("node-a", good.substring(7)), "venue-a",
                "ingest.refused.401.malformed_signature");
        assertRefusedWithoutTrace(401, body, seed("node-a", IngestClient.seedSignature("guess", Events.bytes(body))),
                "venue-a", "ingest.refused.401.wrong_signature");
        assertRefusedWithoutTrace(401, body, seed("node-zz", good), "venue-a", "ingest.refused.401.unknown_node");
        // The signature of another node's secret does not make node-a's request valid.
        assertRefusedWithoutTrace(401, body,
                seed("node-a", IngestClient.seedSignature("secret-of-b", Events.bytes(body))), "venue-a",
                "ingest.refused.401.wrong_signature");
    }

    @Test
    void aNodeOfVenueACannotCreateFactsForVenueB() {
        String forB = Events.simple("venue-b", "50.00", "0.00");
        assertRefusedWithoutTrace(403, forB,
                seed("node-a", IngestClient.seedSignature("secret-of-a", Events.bytes(forB))), "venue-b",
                "ingest.refused.403.foreign_venue");
        assertThat(jdbc.queryForObject("select count(*) from payment_facts where venue_id = 'venue-b' and amount = 50",
                Integer.class)).isZero();
    }

    @Test
    void aDisabledNodeGets403AndAfterEnablingIsAcceptedAgain() {
        registry.addVenue("venue-d", "D", ZoneId.of("UTC"));
        registry.addLegacyNode("node-d", "venue-d", "secret-of-d");
        registry.setEnabled("node-d", false);
        String body = Events.simple("venue-d", "3.00", "0.00");
        Map<String, String> headers = seed("node-d", IngestClient.seedSignature("secret-of-d", Events.bytes(body)));
        long topicBefore = tables.topicSize();

        assertThat(client.post(body, headers).statusCode()).isEqualTo(403);
        assertThat(tables.topicSize()).isEqualTo(topicBefore);
        assertThat(counters.get("ingest.refused.403.node_disabled")).isGreaterThanOrEqualTo(1);

        registry.setEnabled("node-d", true);
        // Node credentials are cached for ingest.node-cache-ttl (5 s): enabling takes effect within that bound.
        await().atMost(Duration.ofSeconds(15)).until(() -> client.post(body, headers).statusCode() == 202);
        tables.awaitEvent(Events.eventIdOf(body));
    }

    @Test
    void aBodyAboveTheLimitGets413AndAnUnreadableEnvelope400() {
        String big = "{\"eventId\":\"evt-big\",\"pad\":\"" + "x".repeat(5000) + "\"}";
        assertRefusedWithoutTrace(413, big, seed("node-a", IngestClient.seedSignature("secret-of-a", Events.bytes(big))),
                "venue-a", "ingest.refused.413.body_too_large");
        String unreadable = "{\"eventId\":\"evt-x\",\"eventType\":\"order_paid\"";
        assertRefusedWithoutTrace(400, unreadable,
                seed("node-a", IngestClient.seedSignature("secret-of-a", Events.bytes(unreadable))), "venue-a",
                "ingest.refused.400.unreadable_envelope");
    }

    @Test
    void acceptsStandardWebhooksAndRefusesSixMinutesOldOrAhead() {
        String body = Events.simple("venue-a", "4.00", "1.00");
        String id = Events.eventIdOf(body);
        Instant now = Instant.now();
        assertRefusedWithoutTrace(401, body, WebhookHeaders.signed("node-a", "secret-of-a", id,
                now.minus(Duration.ofMinutes(6)), body), "venue-a", "ingest.refused.401.webhook_timestamp_out_of_tolerance");
        assertRefusedWithoutTrace(401, body, WebhookHeaders.signed("node-a", "secret-of-a", id,
                now.plus(Duration.ofMinutes(6)), body), "venue-a", "ingest.refused.401.webhook_timestamp_out_of_tolerance");
        assertRefusedWithoutTrace(401, body, WebhookHeaders.signed("node-a", "secret-of-b", id, now, body),
                "venue-a", "ingest.refused.401.webhook_no_match");

        HttpResponse<String> accepted = client.post(body, WebhookHeaders.signed("node-a", "secret-of-a", id,
                Instant.now().minus(Duration.ofMinutes(4)), body));
        assertThat(accepted.statusCode()).isEqualTo(202);
        tables.awaitEvent(id);
        assertThat(tables.factsOfEvent(id)).isEqualTo(1);
    }

    @Test
    void aNewNodeRequiresWebhooksAndRefusesSeedOnlySignatures() {
        registry.addVenue("venue-w", "W", ZoneId.of("UTC"));
        // A node registered without "legacy" must sign with Standard Webhooks (issue 10: replayable seed-only requests).
        registry.addNode("node-w", "venue-w", "secret-of-w");
        String body = Events.simple("venue-w", "6.00", "0.00");
        assertThat(client.post(body, seed("node-w", IngestClient.seedSignature("secret-of-w", Events.bytes(body))))
                .statusCode()).isEqualTo(401);
        assertThat(counters.get("ingest.refused.401.webhooks_required")).isEqualTo(1);
        Map<String, String> both = new HashMap<>(WebhookHeaders.signed("node-w", "secret-of-w", Events.eventIdOf(body),
                Instant.now(), body));
        both.put("X-Request-Signature", IngestClient.seedSignature("secret-of-w", Events.bytes(body)));
        assertThat(client.post(body, both).statusCode()).isEqualTo(202);
    }

    @Test
    void duringARotationBothSecretsWorkAndAfterItOnlyTheNewOne() {
        registry.addVenue("venue-r", "R", ZoneId.of("UTC"));
        registry.addLegacyNode("node-r", "venue-r", "old-secret-r");
        String fresh = registry.rotateSecret("node-r", Duration.ofHours(1));

        String one = Events.simple("venue-r", "1.00", "0.00");
        String two = Events.simple("venue-r", "2.00", "0.00");
        assertThat(client.postSigned("node-r", "old-secret-r", one).statusCode()).isEqualTo(202);
        assertThat(client.post(two, WebhookHeaders.signed("node-r", fresh, Events.eventIdOf(two), Instant.now(), two))
                .statusCode()).isEqualTo(202);

        registry.finishRotation("node-r");
        String three = Events.simple("venue-r", "3.00", "0.00");
        // Within ingest.node-cache-ttl (5 s) the old secret may still verify; after it, never.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> client.postSigned("node-r", "old-secret-r", three).statusCode() == 401);
        assertThat(client.postSigned("node-r", "old-secret-r", three).statusCode()).isEqualTo(401);
        assertThat(client.post(three, WebhookHeaders.signed("node-r", "old-secret-r", Events.eventIdOf(three),
                Instant.now(), three)).statusCode()).isEqualTo(401);
        assertThat(client.postSigned("node-r", fresh, three).statusCode()).isEqualTo(202);
        assertThat(registry.list()).filteredOn(n -> n.nodeId().equals("node-r"))
                .singleElement().satisfies(n -> assertThat(n.activeSecrets()).isEqualTo(1));
    }

    @Test
    void recordsCarryTheExactBytesVenueKeyAndReadableHeaders() {
        String body = Events.simple("venue-a", "7.25", "0.75");
        String id = Events.eventIdOf(body);
        assertThat(client.postSigned("node-a", "secret-of-a", body).statusCode()).isEqualTo(202);

        ConsumerRecord<String, byte[]> record = findRecord(id);
        assertThat(record.key()).isEqualTo("venue-a");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(body);
        Map<String, String> headers = new HashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        assertThat(headers).containsEntry("ce_id", id).containsEntry("ce_type", "order_paid")
                .containsEntry("ce_source", "/venues/venue-a/nodes/node-a")
                .containsEntry("ce_time", "2026-11-24T12:00:00Z").containsEntry("ingest_node_id", "node-a")
                .containsEntry("ingest_signature_scheme", "seed").containsKey("ingest_received_at");
        assertThat(Instant.parse(headers.get("ingest_received_at"))).isBefore(Instant.now().plusSeconds(1));
    }

    private ConsumerRecord<String, byte[]> findRecord(String eventId) {
        List<ConsumerRecord<String, byte[]>> found = TopicRecords.matching(topic,
                r -> TopicRecords.value(r).contains(eventId), 1);
        assertThat(found).as("record of " + eventId + " on " + topic).isNotEmpty();
        return found.get(0);
    }
}
