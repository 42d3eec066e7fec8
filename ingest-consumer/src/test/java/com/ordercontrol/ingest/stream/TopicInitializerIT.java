package com.ordercontrol.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercontrol.ingest.IngestSettings;
import com.ordercontrol.ingest.support.CloudServers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.kafka.core.KafkaAdmin;

/** Issue 4: the topic settings of infra/kafka are applied at start-up, to a new and to an existing topic. */
class TopicInitializerIT {

    private static IngestSettings settings(String topic, boolean capReplication) {
        return new IngestSettings(topic, 262144, Duration.ofSeconds(10), Duration.ofMinutes(5), true, "g",
                Duration.ofSeconds(1), "classpath:kafka/topics.properties", capReplication, true);
    }

    private static TopicInitializer initializer(String topic) {
        return initializer(topic, true);
    }

    private static TopicInitializer initializer(String topic, boolean capReplication) {
        KafkaAdmin kafkaAdmin = new KafkaAdmin(Map.of("bootstrap.servers", CloudServers.kafka().bootstrapServers()));
        return new TopicInitializer(kafkaAdmin, settings(topic, capReplication), new DefaultResourceLoader());
    }

    /** Issue 10: a start with brokers missing never lowers min.insync.replicas of the live topic. */
    @Test
    void neverLowersMinInSyncReplicasOfAnExistingTopic() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("init-live", 6, (short) 1)
                    .configs(Map.of("min.insync.replicas", "2")))).all().get(30, TimeUnit.SECONDS);
        }
        initializer("init-live").apply(); // capped to the one broker: declares min.insync.replicas 1
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(config("init-live").get("retention.ms").value()).isEqualTo("-1"));
        assertThat(config("init-live").get("min.insync.replicas").value()).isEqualTo("2");
    }

    /** Issue 10: by default (production) a cluster smaller than declared stops the start. */
    @Test
    void byDefaultACapIsRefusedAndTheStartFails() {
        org.springframework.boot.context.properties.bind.Binder binder = new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(
                        Map.of("ingest.topic", "init-refused")));
        IngestSettings defaults = binder.bindOrCreate("ingest", IngestSettings.class);
        assertThat(defaults.capReplicationToCluster()).isFalse();
        KafkaAdmin kafkaAdmin = new KafkaAdmin(Map.of("bootstrap.servers", CloudServers.kafka().bootstrapServers()));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new TopicInitializer(kafkaAdmin, defaults, new DefaultResourceLoader()).apply())
                .hasMessageContaining("wants replication.factor 3 but the cluster has 1 broker(s)");
    }

    @Test
    void createsAMissingTopicWithTheDeclaredSettings() throws Exception {
        initializer("init-new").apply();
        await().atMost(Duration.ofSeconds(10)).until(() -> partitions("init-new") == 6);
        assertThat(config("init-new").get("retention.ms").value()).isEqualTo("-1");
        assertThat(config("init-new").get("min.insync.replicas").value()).isEqualTo("1"); // capped to one broker
    }

    @Test
    void raisesPartitionsAndSetsConfigsOfAnExistingTopic() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("init-old", 2, (short) 1)
                    .configs(Map.of("retention.ms", "3600000")))).all().get(30, TimeUnit.SECONDS);
        }
        initializer("init-old").apply();
        // The broker applies altered configs from the metadata log shortly after the call returns.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(partitions("init-old")).isEqualTo(6);
            assertThat(config("init-old").get("retention.ms").value()).isEqualTo("-1");
            assertThat(config("init-old").get("unclean.leader.election.enable").value()).isEqualTo("false");
        });
    }

    private static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", CloudServers.kafka().bootstrapServers()));
    }

    private static int partitions(String topic) throws Exception {
        try (Admin admin = admin()) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions().size();
        }
    }

    private static Config config(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = admin()) {
            return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        }
    }
}
