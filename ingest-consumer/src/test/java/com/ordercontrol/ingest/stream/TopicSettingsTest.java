package com.ordercontrol.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

class TopicSettingsTest {

    @Test
    void readsTheDeclaredProductionSettingsFromInfraKafka() {
        TopicSettings settings = TopicSettings.load(new ClassPathResource("kafka/topics.properties"));
        assertThat(settings.partitions()).isEqualTo(6);
        assertThat(settings.replicationFactor()).isEqualTo((short) 3);
        assertThat(settings.configs()).containsEntry("retention.ms", "-1").containsEntry("min.insync.replicas", "2")
                .containsEntry("unclean.leader.election.enable", "false");
    }

    @Test
    void capsReplicationAndMinInSyncReplicasToASingleBroker() {
        TopicSettings capped = TopicSettings.load(new ClassPathResource("kafka/topics.properties")).cappedTo(1);
        assertThat(capped.replicationFactor()).isEqualTo((short) 1);
        assertThat(capped.configs()).containsEntry("min.insync.replicas", "1").containsEntry("retention.ms", "-1");
    }

    @Test
    void neverLowersMinInSyncReplicasOfAnExistingTopic() {
        TopicSettings capped = TopicSettings.load(new ClassPathResource("kafka/topics.properties")).cappedTo(1);
        assertThat(capped.configsForExisting(java.util.Map.of("min.insync.replicas", "2")))
                .doesNotContainKey("min.insync.replicas").containsEntry("retention.ms", "-1");
        assertThat(capped.configsForExisting(java.util.Map.of("min.insync.replicas", "1")))
                .containsEntry("min.insync.replicas", "1");
        TopicSettings declared = TopicSettings.load(new ClassPathResource("kafka/topics.properties"));
        assertThat(declared.configsForExisting(java.util.Map.of("min.insync.replicas", "1")))
                .containsEntry("min.insync.replicas", "2"); // raising is allowed
    }

    @Test
    void namesTheMissingKey() {
        ByteArrayResource file = new ByteArrayResource("partitions=3\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> TopicSettings.load(file)).hasMessage("topics.properties: replication.factor is required");
    }
}
