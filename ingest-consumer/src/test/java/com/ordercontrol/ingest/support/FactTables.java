package com.ordercontrol.ingest.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads what the service stored: fact tables and the topic's end offsets. */
public final class FactTables {

    private final JdbcTemplate jdbc;
    private final String bootstrapServers;
    private final String topic;

    public FactTables(JdbcTemplate jdbc, String bootstrapServers, String topic) {
        this.jdbc = jdbc;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    public int events(String eventId) {
        return jdbc.queryForObject("select count(*) from events where event_id = ?", Integer.class, eventId);
    }

    public int facts(String venueId, String paymentId) {
        return jdbc.queryForObject("select count(*) from payment_facts where venue_id = ? and payment_id = ?",
                Integer.class, venueId, paymentId);
    }

    public int factsOfEvent(String eventId) {
        return jdbc.queryForObject("select count(*) from payment_facts where event_id = ?", Integer.class, eventId);
    }

    public int deadLetters(String eventId) {
        return jdbc.queryForObject("select count(*) from dead_letter_events where event_id = ?", Integer.class, eventId);
    }

    public String deadLetterReason(String eventId) {
        return jdbc.queryForObject("select reason from dead_letter_events where event_id = ?", String.class, eventId);
    }

    public int count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Integer.class);
    }

    /** Waits until the event is stored (it and everything before it on its partition were consumed). */
    public void awaitEvent(String eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> events(eventId) == 1);
    }

    public void awaitDeadLetter(String eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters(eventId) == 1);
    }

    /** Sum of the topic's end offsets: how many records were ever written to it. */
    public long topicSize() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            var partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions();
            Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
            partitions.forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException("could not read end offsets of " + topic, e);
        }
    }
}
