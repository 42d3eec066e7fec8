package com.ordercontrol.ingest.stream;

import com.ordercontrol.ingest.IngestSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ResourceLoader;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Applies the declared topic settings at start-up: creates the topic when missing, raises its
 * partition count and sets its configs when it exists, except that it never lowers an existing topic's
 * {@code min.insync.replicas}. Runs before the web server and the consumer
 * start (it is called from {@link StreamConfiguration}), so the service never serves with a topic it
 * did not check.
 */
@Component
public class TopicInitializer {

    private static final Logger log = LoggerFactory.getLogger(TopicInitializer.class);

    private final KafkaAdmin kafkaAdmin;
    private final IngestSettings settings;
    private final ResourceLoader resources;

    public TopicInitializer(KafkaAdmin kafkaAdmin, IngestSettings settings, ResourceLoader resources) {
        this.kafkaAdmin = kafkaAdmin;
        this.settings = settings;
        this.resources = resources;
    }

    /** Creates or updates the topic; returns the settings applied. */
    public TopicSettings apply() {
        TopicSettings declared = TopicSettings.load(resources.getResource(settings.topicSettings()));
        String topic = settings.topic();
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            int brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
            TopicSettings applied = declared;
            if (brokers < declared.replicationFactor()) {
                if (!settings.capReplicationToCluster()) {
                    throw new IllegalStateException("topic " + topic + " wants replication.factor "
                            + declared.replicationFactor() + " but the cluster has " + brokers + " broker(s)");
                }
                applied = declared.cappedTo(brokers);
                log.warn("Kafka has {} broker(s): topic {} gets replication factor {} instead of the declared {} "
                        + "(ingest.cap-replication-to-cluster=true, for development only)",
                        brokers, topic, applied.replicationFactor(), declared.replicationFactor());
            }
            createOrUpdate(admin, topic, applied);
            return applied;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying topic settings", e);
        } catch (Exception e) {
            throw new IllegalStateException("topic settings for " + topic + " could not be applied: " + e.getMessage(), e);
        }
    }

    private void createOrUpdate(Admin admin, String topic, TopicSettings applied) throws Exception {
        try {
            NewTopic newTopic = new NewTopic(topic, applied.partitions(), applied.replicationFactor())
                    .configs(applied.configs());
            admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
            log.info("created topic {} with {} partitions, replication {}, configs {}", topic, applied.partitions(),
                    applied.replicationFactor(), applied.configs());
            return;
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(topic);
        if (description.partitions().size() < applied.partitions()) {
            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(applied.partitions()))).all()
                    .get(30, TimeUnit.SECONDS);
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Map<String, String> current = new java.util.HashMap<>();
        admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource).entries()
                .forEach(e -> current.put(e.name(), e.value()));
        Map<String, String> toSet = applied.configsForExisting(current);
        if (!toSet.containsKey(TopicSettings.MIN_INSYNC_REPLICAS) && applied.configs().containsKey(TopicSettings.MIN_INSYNC_REPLICAS)) {
            log.warn("topic {} keeps min.insync.replicas={} (not lowered to {}): lowering it on a live topic "
                    + "weakens acks=all; change it by hand if that is really meant", topic,
                    current.get(TopicSettings.MIN_INSYNC_REPLICAS), applied.configs().get(TopicSettings.MIN_INSYNC_REPLICAS));
        }
        List<AlterConfigOp> ops = new ArrayList<>();
        toSet.forEach((k, v) -> ops.add(new AlterConfigOp(new ConfigEntry(k, v), AlterConfigOp.OpType.SET)));
        if (!ops.isEmpty()) {
            admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get(30, TimeUnit.SECONDS);
        }
        log.info("topic {} exists; partitions at least {}, configs {} applied", topic, applied.partitions(), toSet);
    }
}
