package com.ordercontrol.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the ingest service, prefix {@code ingest}. Every value has its default here and is
 * checked at start-up; an invalid one stops the service with the property's name in the message.
 *
 * @param topic                  Kafka topic of raw signed events, the replay source
 * @param maxBodyBytes           request bodies above this size get 413 without being read further
 * @param produceTimeout         how long a request waits for the broker's acknowledgement before 503
 * @param webhookTolerance       Standard Webhooks timestamp tolerance, both directions
 * @param consumerEnabled        whether this process runs the Kafka-to-facts consumer
 * @param consumerGroup          consumer group of the facts consumer
 * @param retryBackoff           pause between retries of a batch the database could not take
 * @param topicSettings          location of the topic settings file (partitions, retention, replication)
 * @param capReplicationToCluster create the topic with replication factor and min ISR lowered to the broker
 *                               count (development, one broker); off by default, so a production start
 *                               with brokers missing fails instead; never lowers an existing topic's min ISR
 * @param applyTopicSettings     apply the topic settings at start (off only for the admin command, which
 *                               must work while Kafka is away)
 * @param maxBatchEvents         most envelopes in one array body; more is a 400 for the whole request
 * @param nodeCacheTtl           how long verified node credentials are cached: a disable, enable, rotation or
 *                               new node takes effect within this bound (zero: no cache)
 * @param factsPoolSize          connections of the facts consumer's own pool (the HTTP path uses
 *                               {@code spring.datasource.hikari.*})
 * @param reportsPoolSize        connections of the finance report's own pool
 * @param maxPendingEvents       most events of this instance waiting for Kafka's acknowledgement at once; a
 *                               request that would go past it waits up to a quarter of the produce timeout
 *                               for room, then is answered 503 {@code busy} with {@code Retry-After: 1},
 *                               before anything is sent (admission control: a drain burst queues briefly
 *                               instead of being refused or timing out)
 */
@ConfigurationProperties("ingest")
public record IngestSettings(
        @DefaultValue("pos-events") String topic,
        @DefaultValue("1048576") int maxBodyBytes,
        @DefaultValue("10s") Duration produceTimeout,
        @DefaultValue("5m") Duration webhookTolerance,
        @DefaultValue("true") boolean consumerEnabled,
        @DefaultValue("ingest-facts") String consumerGroup,
        @DefaultValue("2s") Duration retryBackoff,
        @DefaultValue("classpath:kafka/topics.properties") String topicSettings,
        @DefaultValue("false") boolean capReplicationToCluster,
        @DefaultValue("true") boolean applyTopicSettings,
        @DefaultValue("500") int maxBatchEvents,
        @DefaultValue("5s") Duration nodeCacheTtl,
        @DefaultValue("4") int factsPoolSize,
        @DefaultValue("4") int reportsPoolSize,
        @DefaultValue("5000") int maxPendingEvents) {

    @ConstructorBinding
    public IngestSettings {
        require(topic != null && topic.matches("[A-Za-z0-9._-]{1,249}"),
                "ingest.topic must be a valid Kafka topic name, was: " + topic);
        require(maxBodyBytes >= 1024 && maxBodyBytes <= 16 * 1024 * 1024,
                "ingest.max-body-bytes must be between 1024 and 16777216, was: " + maxBodyBytes);
        require(positive(produceTimeout) && produceTimeout.compareTo(Duration.ofMinutes(2)) <= 0,
                "ingest.produce-timeout must be between 1 ms and 2 minutes, was: " + produceTimeout);
        require(positive(webhookTolerance), "ingest.webhook-tolerance must be positive, was: " + webhookTolerance);
        require(consumerGroup != null && !consumerGroup.isBlank(), "ingest.consumer-group is required");
        require(positive(retryBackoff), "ingest.retry-backoff must be positive, was: " + retryBackoff);
        require(topicSettings != null && !topicSettings.isBlank(), "ingest.topic-settings is required");
        require(maxBatchEvents >= 1 && maxBatchEvents <= 10_000,
                "ingest.max-batch-events must be between 1 and 10000, was: " + maxBatchEvents);
        require(nodeCacheTtl != null && !nodeCacheTtl.isNegative() && nodeCacheTtl.compareTo(Duration.ofMinutes(5)) <= 0,
                "ingest.node-cache-ttl must be between 0 and 5 minutes, was: " + nodeCacheTtl);
        require(factsPoolSize >= 1 && factsPoolSize <= 100,
                "ingest.facts-pool-size must be between 1 and 100, was: " + factsPoolSize);
        require(reportsPoolSize >= 1 && reportsPoolSize <= 100,
                "ingest.reports-pool-size must be between 1 and 100, was: " + reportsPoolSize);
        require(maxPendingEvents >= maxBatchEvents && maxPendingEvents <= 1_000_000,
                "ingest.max-pending-events must be between ingest.max-batch-events (" + maxBatchEvents
                        + ") and 1000000, was: " + maxPendingEvents);
    }

    /** The settings before batches and pools (kept for callers that build settings by hand), defaults for the rest. */
    public IngestSettings(String topic, int maxBodyBytes, Duration produceTimeout, Duration webhookTolerance,
            boolean consumerEnabled, String consumerGroup, Duration retryBackoff, String topicSettings,
            boolean capReplicationToCluster, boolean applyTopicSettings) {
        this(topic, maxBodyBytes, produceTimeout, webhookTolerance, consumerEnabled, consumerGroup, retryBackoff,
                topicSettings, capReplicationToCluster, applyTopicSettings, 500, Duration.ofSeconds(5), 4, 4, 5000);
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
