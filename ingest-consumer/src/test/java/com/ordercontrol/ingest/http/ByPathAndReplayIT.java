package com.ordercontrol.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercontrol.contract.ContractJson;
import com.ordercontrol.infra.PostgresServer;
import com.ordercontrol.ingest.IngestApplication;
import com.ordercontrol.ingest.support.CloudServers;
import com.ordercontrol.ingest.support.Events;
import com.ordercontrol.ingest.support.FactTables;
import com.ordercontrol.ingest.support.IngestClient;
import com.ordercontrol.ingest.support.RunningIngest;
import com.ordercontrol.ingest.support.TopicRecords;
import com.ordercontrol.ingest.support.WebhookHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 8 item 3: {@code POST /api/nodes/{nodeId}/events} with a sender's own message id (Debezium Server
 * sends {@code msg_<uuid>}), and replay protection on {@code webhook-id}, also across two instances that
 * share the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ByPathAndReplayIT extends RunningIngest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        CloudServers.register(registry, "by_path_it");
    }

    @Value("${spring.datasource.url}")
    String databaseUrl;

    IngestClient client;
    FactTables tables;

    @BeforeEach
    void registerNode() {
        registry.addVenue("venue-p", "P", ZoneId.of("UTC"));
        registry.addNode("node-p", "venue-p", "secret-of-p");
        client = new IngestClient(port);
        tables = new FactTables(jdbc, CloudServers.kafka().bootstrapServers(), topic);
    }

    /** Signed like Debezium Server's HTTP sink: Standard Webhooks headers only, its own message id. */
    static Map<String, String> debeziumStyle(String messageId, String body) {
        Map<String, String> headers = new HashMap<>(WebhookHeaders.signed("node-p", "secret-of-p", messageId,
                Instant.now(), body));
        headers.remove("X-Server-Node-Id");
        return headers;
    }

    @Test
    void theNodeComesFromThePathAndTheWebhookIdIsTheSendersOwn() throws Exception {
        String body = Events.simple("venue-p", "8.00", "1.00");
        String eventId = Events.eventIdOf(body);

        HttpResponse<String> response = client.post("/api/nodes/node-p/events", body,
                debeziumStyle("msg_" + UUID.randomUUID(), body));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"status\":\"accepted\",\"eventId\":\"" + eventId
                + "\",\"outcome\":\"accepted\"}");
        ConsumerRecord<String, byte[]> record = TopicRecords.matching(topic,
                r -> TopicRecords.value(r).contains(eventId), 1).get(0);
        assertThat(new String(record.headers().lastHeader("ingest_node_id").value(), StandardCharsets.UTF_8))
                .isEqualTo("node-p");
        tables.awaitEvent(eventId);

        String batch = "[" + Events.simple("venue-p", "1.00", "0.00") + "," + Events.simple("venue-p", "2.00", "0.00")
                + "]";
        HttpResponse<String> batchResponse = client.post("/api/nodes/node-p/events", batch,
                debeziumStyle("msg_" + UUID.randomUUID(), batch));
        assertThat(batchResponse.statusCode()).isEqualTo(202);
        assertThat(ContractJson.read(batchResponse.body()).get("accepted").asInt()).isEqualTo(2);
    }

    @Test
    void aNodeIdHeaderMustMatchThePath() {
        String body = Events.simple("venue-p", "3.00", "0.00");
        Map<String, String> headers = WebhookHeaders.signed("node-p", "secret-of-p", "msg_" + UUID.randomUUID(),
                Instant.now(), body);
        assertThat(client.post("/api/nodes/node-p/events", body, headers).statusCode()).isEqualTo(202);

        Map<String, String> other = new HashMap<>(headers);
        other.put("X-Server-Node-Id", "node-q");
        HttpResponse<String> mismatch = client.post("/api/nodes/node-p/events", body, other);
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body()).contains("X-Server-Node-Id must name the node of the path");
        assertThat(client.post("/api/nodes/node-zz/events", body, debeziumStyle("msg_1", body)).statusCode())
                .isEqualTo(401);
    }

    @Test
    void aReplayedWebhookIdProducesNothingNewOnThisOrAnotherInstance() throws Exception {
        String single = Events.simple("venue-p", "4.00", "0.00");
        String messageId = "msg_" + UUID.randomUUID();
        assertThat(client.post("/api/nodes/node-p/events", single, debeziumStyle(messageId, single)).statusCode())
                .isEqualTo(202);
        long topicAfterFirst = tables.topicSize();

        // The same message again, freshly timestamped and signed, as a retrying sender or an attacker would send it.
        HttpResponse<String> replay = client.post("/api/nodes/node-p/events", single, debeziumStyle(messageId, single));

        assertThat(replay.statusCode()).isEqualTo(202);
        assertThat(replay.body()).isEqualTo("{\"status\":\"accepted\",\"eventId\":\"" + Events.eventIdOf(single)
                + "\",\"outcome\":\"duplicate\"}");
        assertThat(tables.topicSize()).isEqualTo(topicAfterFirst);

        String batch = "[" + Events.simple("venue-p", "5.00", "0.00") + "," + Events.simple("venue-p", "6.00", "0.00")
                + "]";
        String batchId = "msg_" + UUID.randomUUID();
        assertThat(client.post("/api/nodes/node-p/events", batch, debeziumStyle(batchId, batch)).statusCode())
                .isEqualTo(202);
        long topicAfterBatch = tables.topicSize();
        try (ConfigurableApplicationContext second = secondInstance()) {
            IngestClient other = new IngestClient(Integer.parseInt(
                    second.getEnvironment().getProperty("local.server.port")));
            HttpResponse<String> replayed = other.post("/api/nodes/node-p/events", batch, debeziumStyle(batchId, batch));
            assertThat(replayed.statusCode()).isEqualTo(202);
            JsonNode answer = ContractJson.read(replayed.body());
            assertThat(answer.get("accepted").asInt()).isZero();
            assertThat(answer.get("duplicates").asInt()).isEqualTo(2);
            assertThat(answer.get("results").get(1).get("outcome").asText()).isEqualTo("duplicate");
        }
        assertThat(tables.topicSize()).isEqualTo(topicAfterBatch);
    }

    ConfigurableApplicationContext secondInstance() {
        return new SpringApplicationBuilder(IngestApplication.class).run("--server.port=0",
                "--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=" + PostgresServer.USER,
                "--spring.kafka.bootstrap-servers=" + CloudServers.kafka().bootstrapServers(),
                "--ingest.topic=" + topic, "--ingest.consumer-enabled=false", "--spring.main.banner-mode=off",
                "--ingest.cap-replication-to-cluster=true"); // one test broker
    }
}
