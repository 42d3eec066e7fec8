package com.ordercontrol.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercontrol.contract.ContractJson;
import com.ordercontrol.infra.FreePort;
import com.ordercontrol.localstack.PosClient.Tender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 on the real parts: the relay's runnable jar drains a backlog into the real ingest (batch
 * contract, real Kafka, real facts consumer) and is killed with SIGKILL in the middle of the drain. The
 * venue's events reach the topic in commit order (the first copy of each; a batch in flight at the kill
 * may be sent again), every payment becomes exactly one fact, and the drain went in batches, not one
 * request per event.
 */
class RelayBatchDrainIT {

    static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    static final Path DATA = Path.of("target", "relay-batch-drain").toAbsolutePath();
    static final int ORDERS = 600;
    static final String TOPIC = "pos-events";

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aBacklogDrainsInBatchesInCommitOrderAndAKillMidDrainLosesAndDoublesNothing() throws Exception {
        StackSettings settings = StackSettings.devDefaults(HOME, DATA).withPorts(FreePort.pick(), FreePort.pick());
        try (LocalPipeline pipeline = LocalPipeline.start(settings)) {
            PosClient pos = new PosClient(settings.posUrl());
            pipeline.relay().kill(); // the backlog waits in the WAL, as after a NUC reboot
            for (int i = 0; i < ORDERS; i++) { // one till, one order at a time: commit order = order number order
                pos.pay(pos.createOrder(new BigDecimal("12.50")),
                        List.of(new Tender("card", new BigDecimal("12.50"), new BigDecimal("1.00"))));
            }

            ServiceProcess relay = pipeline.relay().restart();
            try {
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                        .until(() -> facts(pipeline) >= ORDERS / 4);
                relay.kill();
                long factsAtKill = facts(pipeline);
                assertThat(factsAtKill).as("killed in the middle of the drain").isLessThan(ORDERS);

                relay = relay.restart();
                await().atMost(Duration.ofMinutes(5)).until(() -> facts(pipeline) == ORDERS);
            } finally {
                relay.close();
            }

            assertThat(posPaymentIds(pipeline)).as("every payment is one fact, nothing more")
                    .isEqualTo(cloudPaymentIds(pipeline, settings.venueId()));
            List<Long> firstCopies = orderNumbersInTopicOrder(pipeline.kafkaBootstrapServers(), settings.venueId());
            assertThat(firstCopies).hasSize(ORDERS).isSorted();
            // In batches, as the ingest counted them (the relays' own counters die with the kill).
            String metrics = get(pipeline.ingestManagementUrl() + "/actuator/prometheus");
            double requests = sum(metrics, "http_server_requests_seconds_count", "uri=\"/api/events/ingest\"");
            double events = sum(metrics, "ingest_events_accepted_total", "") + sum(metrics, "ingest_duplicates_total", "");
            assertThat(events).isGreaterThanOrEqualTo(ORDERS);
            assertThat(requests).as("in batches: %s events in %s requests", events, requests).isLessThan(events / 2);
        }
    }

    private long facts(LocalPipeline pipeline) throws SQLException {
        try (Connection c = pipeline.cloudConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from payment_facts")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Set<String> posPaymentIds(LocalPipeline pipeline) throws SQLException {
        return ids(pipeline.posConnection(), "select payment_id::text from payments");
    }

    private Set<String> cloudPaymentIds(LocalPipeline pipeline, String venueId) throws SQLException {
        return ids(pipeline.cloudConnection(), "select payment_id from payment_facts where venue_id = '" + venueId + "'");
    }

    private static Set<String> ids(Connection connection, String sql) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection c = connection; Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** The venue's order numbers in topic order, the first copy of each event only. */
    private static List<Long> orderNumbersInTopicOrder(String bootstrap, String venueId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<Long> orderNumbers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    JsonNode event = ContractJson.read(r.value());
                    if (venueId.equals(r.key()) && seen.add(event.get("eventId").asText())) {
                        orderNumbers.add(event.get("payload").get("orderNumber").asLong());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return orderNumbers;
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The sum of a metric's series whose labels contain {@code labelFilter}. */
    private static double sum(String metrics, String name, String labelFilter) {
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([0-9.eE+]+)$").matcher(metrics);
        double total = 0;
        while (m.find()) {
            if (m.group(1) == null ? labelFilter.isEmpty() : m.group(1).contains(labelFilter)) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }
}
