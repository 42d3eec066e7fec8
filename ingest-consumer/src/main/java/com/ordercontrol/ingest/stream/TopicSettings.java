package com.ordercontrol.ingest.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.springframework.core.io.Resource;

/**
 * The topic's declared settings, read from {@code infra/kafka/topics.properties} (packaged into the jar
 * as {@code kafka/topics.properties}; {@code ingest.topic-settings} points elsewhere).
 *
 * @param partitions        partition count; only ever raised, never lowered (Kafka cannot)
 * @param replicationFactor copies of each partition (3 in production)
 * @param configs           topic configs, e.g. {@code retention.ms}, {@code min.insync.replicas}
 */
public record TopicSettings(int partitions, short replicationFactor, Map<String, String> configs) {

    static final String CONFIG_PREFIX = "config.";
    static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";

    public TopicSettings {
        if (partitions < 1) {
            throw new IllegalArgumentException("topics.properties: partitions must be at least 1");
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("topics.properties: replication.factor must be at least 1");
        }
        configs = Map.copyOf(configs);
    }

    /** Reads the file; missing keys are a start-up error naming the key. */
    public static TopicSettings load(Resource resource) {
        Properties props = new Properties();
        try (InputStream in = resource.getInputStream()) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("topic settings " + resource + " could not be read", e);
        }
        Map<String, String> configs = new TreeMap<>();
        for (String name : props.stringPropertyNames()) {
            if (name.startsWith(CONFIG_PREFIX)) {
                configs.put(name.substring(CONFIG_PREFIX.length()), props.getProperty(name).trim());
            }
        }
        return new TopicSettings(intValue(props, "partitions"), (short) intValue(props, "replication.factor"), configs);
    }

    /** The same settings for a cluster of {@code brokers} brokers (development: one broker). */
    public TopicSettings cappedTo(int brokers) {
        Map<String, String> capped = new TreeMap<>(configs);
        capped.computeIfPresent(MIN_INSYNC_REPLICAS, (k, v) -> Integer.toString(Math.min(Integer.parseInt(v), brokers)));
        return new TopicSettings(partitions, (short) Math.min(replicationFactor, brokers), capped);
    }

    /**
     * The configs to set on a topic that already exists with configs {@code current}: the declared ones,
     * except that {@code min.insync.replicas} is never lowered (a lower value would silently weaken
     * acks=all durability of the live topic; raising it is an operator's decision that this allows).
     */
    public Map<String, String> configsForExisting(Map<String, String> current) {
        Map<String, String> out = new TreeMap<>(configs);
        String declared = out.get(MIN_INSYNC_REPLICAS);
        String existing = current.get(MIN_INSYNC_REPLICAS);
        if (declared != null && existing != null && parse(existing) > parse(declared)) {
            out.remove(MIN_INSYNC_REPLICAS);
        }
        return out;
    }

    private static int parse(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE; // unreadable: treat as high, so it is never replaced by a lower value
        }
    }

    private static int intValue(Properties props, String key) {
        String value = props.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("topics.properties: " + key + " is required");
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("topics.properties: " + key + " must be a whole number, was: " + value);
        }
    }
}
