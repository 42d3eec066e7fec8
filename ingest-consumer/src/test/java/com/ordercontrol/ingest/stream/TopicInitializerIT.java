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

    private static IngestSettings settings(String topic) {
        return new IngestSettings(topic, 262144, Duration.ofSeconds(10), Duration.ofMinutes(5), true, "g",
                Duration.ofSeconds(1), "classpath:kafka/topics.properties", true, true);
    }

    private static TopicInitializer initializer(String topic) {
        KafkaAdmin kafkaAdmin = new KafkaAdmin(Map.of("bootstrap.servers", CloudServers.kafka().bootstrapServers()));
        return new TopicInitializer(kafkaAdmin, settings(topic), new DefaultResourceLoader());
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
