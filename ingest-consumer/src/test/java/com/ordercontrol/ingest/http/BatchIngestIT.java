package com.ordercontrol.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercontrol.contract.ContractJson;
import com.ordercontrol.ingest.support.CloudServers;
import com.ordercontrol.ingest.support.Events;
import com.ordercontrol.ingest.support.FactTables;
import com.ordercontrol.ingest.support.IngestClient;
import com.ordercontrol.ingest.support.RunningIngest;
import com.ordercontrol.ingest.support.TopicRecords;
import com.ordercontrol.ingest.support.WebhookHeaders;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 8 item 2: a JSON array of envelopes, signed over its exact bytes, becomes one record per accepted
 * element in array order (key venueId, value the element's exact bytes), answered only after every
 * acknowledgement, with one result per element; duplicates inside a batch are not produced again, across
 * batches the consumer absorbs them; one bad element refuses only itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ingest.max-batch-events=20", "ingest.max-body-bytes=65536"})
class BatchIngestIT extends RunningIngest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        CloudServers.register(registry, "batch_it");
    }

    IngestClient client;
    FactTables tables;

    @BeforeEach
    void registerNodes() {
        for (String v : List.of("b1", "b2", "b3", "b4")) {
            registry.addVenue("venue-" + v, v, ZoneId.of("UTC"));
            registry.addNode("node-" + v, "venue-" + v, "secret-of-" + v);
        }
        client = new IngestClient(port);
        tables = new FactTables(jdbc, CloudServers.kafka().bootstrapServers(), topic);
    }

    HttpResponse<String> post(String node, String body) {
        return client.post(body, WebhookHeaders.signed("node-" + node, "secret-of-" + node,
                "msg_" + UUID.randomUUID(), Instant.now(), body));
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return ContractJson.read(response.body());
    }

    @Test
    void eachElementBecomesARecordInArrayOrderWithItsExactBytes() throws Exception {
        List<String> envelopes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            envelopes.add(Events.simple("venue-b1", (i + 1) + ".00", "0.00"));
        }
        // Whitespace inside and between elements stays out of and in the records exactly as sent.
        envelopes.set(7, envelopes.get(7).replace("\"eventType\":", "\n  \"eventType\" : "));
        String body = "[" + String.join(",\n ", envelopes) + "]";

        HttpResponse<String> response = post("b1", body);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode answer = json(response);
        assertThat(answer.get("status").asText()).isEqualTo("processed");
        assertThat(answer.get("accepted").asInt()).isEqualTo(20);
        for (int i = 0; i < 20; i++) {
            JsonNode r = answer.get("results").get(i);
            assertThat(r.get("index").asInt()).isEqualTo(i);
            assertThat(r.get("eventId").asText()).isEqualTo(Events.eventIdOf(envelopes.get(i)));
            assertThat(r.get("outcome").asText()).isEqualTo("accepted");
        }
        // 202 came after every acknowledgement: the records are all there, in array order, with the exact bytes.
        List<ConsumerRecord<String, byte[]>> records = TopicRecords.withKey(topic, "venue-b1", 20);
        assertThat(records).extracting(TopicRecords::value).containsExactlyElementsOf(envelopes);
        envelopes.forEach(e -> tables.awaitEvent(Events.eventIdOf(e)));
    }

    @Test
    void perElementOutcomesDuplicatesInsideTheBatchAndOneBadElement() throws Exception {
        String e1 = Events.simple("venue-b2", "1.00", "0.00");
        String e2 = Events.simple("venue-b2", "2.00", "0.00");
        String unreadable = "{\"eventId\":\"evt-bad-" + UUID.randomUUID() + "\",\"eventType\":\"order_paid\"}";
        String foreign = Events.simple("venue-b3", "3.00", "0.00");
        String body = "[" + e1 + "," + e2 + "," + e1 + "," + unreadable + "," + foreign + ",42]";

        HttpResponse<String> response = post("b2", body);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode answer = json(response);
        assertThat(answer.get("accepted").asInt()).isEqualTo(2);
        assertThat(answer.get("duplicates").asInt()).isEqualTo(1);
        assertThat(answer.get("refused").asInt()).isEqualTo(3);
        JsonNode results = answer.get("results");
        assertThat(results.get(0).get("outcome").asText()).isEqualTo("accepted");
        assertThat(results.get(1).get("outcome").asText()).isEqualTo("accepted");
        assertThat(results.get(2).get("eventId").asText()).isEqualTo(Events.eventIdOf(e1));
        assertThat(results.get(2).get("outcome").asText()).isEqualTo("duplicate");
        assertThat(results.get(3).get("eventId").asText()).isEqualTo(Events.eventIdOf(unreadable));
        assertThat(results.get(3).get("outcome").asText()).isEqualTo("refused");
        assertThat(results.get(3).get("status").asInt()).isEqualTo(400);
        assertThat(results.get(3).get("reason").asText()).startsWith("unreadable_envelope: ");
        assertThat(results.get(4).get("status").asInt()).isEqualTo(403);
        assertThat(results.get(4).get("reason").asText()).isEqualTo("foreign_venue: node may not write for venue venue-b3");
        assertThat(results.get(5).get("eventId").isNull()).isTrue();
        assertThat(results.get(5).get("status").asInt()).isEqualTo(400);

        assertThat(TopicRecords.withKey(topic, "venue-b2", 2)).extracting(TopicRecords::value).containsExactly(e1, e2);
        tables.awaitEvent(Events.eventIdOf(e2));
        assertThat(tables.factsOfEvent(Events.eventIdOf(e1))).isEqualTo(1);
        assertThat(tables.events(Events.eventIdOf(unreadable))).isZero();
        assertThat(tables.events(Events.eventIdOf(foreign))).isZero();
        assertThat(TopicRecords.withKey(topic, "venue-b3", 1)).isEmpty();
    }

    @Test
    void aBatchSentAgainIsAbsorbedAndEachPaymentIsOneFact() throws Exception {
        String e1 = Events.simple("venue-b4", "1.00", "0.00");
        String e2 = Events.simple("venue-b4", "2.00", "0.00");
        String e3 = Events.simple("venue-b4", "3.00", "0.00");
        assertThat(post("b4", "[" + e1 + "," + e2 + "]").statusCode()).isEqualTo(202);

        HttpResponse<String> again = post("b4", "[" + e1 + "," + e2 + "," + e3 + "]");

        // Repeats of an eventId from an earlier request are not looked up at the door: produced again, absorbed.
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(json(again).get("accepted").asInt()).isEqualTo(3);
        tables.awaitEvent(Events.eventIdOf(e3));
        for (String e : List.of(e1, e2, e3)) {
            assertThat(tables.events(Events.eventIdOf(e))).isEqualTo(1);
            assertThat(tables.factsOfEvent(Events.eventIdOf(e))).isEqualTo(1);
        }
        assertThat(tables.deadLetters(Events.eventIdOf(e1))).isZero();
    }

    @Test
    void aSingleEnvelopeKeepsItsAnswerPlusTheOutcome() {
        String e = Events.simple("venue-b1", "5.00", "0.00");
        HttpResponse<String> response = post("b1", e);
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"status\":\"accepted\",\"eventId\":\"" + Events.eventIdOf(e)
                + "\",\"outcome\":\"accepted\"}");
    }

    @Test
    void wholeRequestRefusals() {
        String e = Events.simple("venue-b1", "1.00", "0.00");
        long before = tables.topicSize();
        assertThat(post("b1", "[]").statusCode()).isEqualTo(400);
        assertThat(post("b1", "[" + String.join(",", java.util.Collections.nCopies(21, e)) + "]").statusCode())
                .isEqualTo(400);
        assertThat(post("b1", "[" + e.replace("{\"eventId\"", "{\"venueId\":\"venue-b2\",\"eventId\"") + "]")
                .statusCode()).as("duplicate keys").isEqualTo(400);
        assertThat(post("b1", "\"just a string\"").statusCode()).isEqualTo(400);
        assertThat(post("b1", "[" + e + "] trailing").statusCode()).isEqualTo(400);
        assertThat(post("b1", "[" + e + ",").statusCode()).isEqualTo(400);
        assertThat(post("b1", "[" + e + ",{\"pad\":\"" + "x".repeat(70_000) + "\"}]").statusCode()).isEqualTo(413);
        assertThat(tables.topicSize()).isEqualTo(before);
    }
}
