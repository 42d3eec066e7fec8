package com.ordercontrol.ingest.replay;

import com.ordercontrol.ingest.facts.FactWriter;
import com.ordercontrol.ingest.facts.StreamRecord;
import com.ordercontrol.ingest.facts.WriteSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the topic from the beginning or from a timestamp up to the end offsets seen at start, and
 * writes every record through a {@link FactWriter}; a record that cannot become facts is dead-lettered
 * in the target and the replay goes on ({@link com.ordercontrol.ingest.facts.PoisonIsolator}). It uses no consumer group (partitions are
 * assigned, nothing is committed), so it never disturbs the live consumer's position; the writer's
 * idempotency makes replaying into the live tables safe.
 */
public final class TopicReplayer {

    private final Map<String, Object> kafkaProperties;
    private final String topic;

    /** @param kafkaProperties client properties, at least {@code bootstrap.servers} */
    public TopicReplayer(Map<String, Object> kafkaProperties, String topic) {
        this.kafkaProperties = Map.copyOf(kafkaProperties);
        this.topic = topic;
    }

    /**
     * Replays into {@code writer}.
     *
     * @param from     first record time to include, or null for the beginning
     * @param progress called after each batch with (records done, records total)
     */
    public ReplaySummary replay(FactWriter writer, String targetName, Instant from, Consumer<long[]> progress) {
        Properties props = new Properties();
        props.putAll(kafkaProperties);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        long started = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, Long> start = startOffsets(consumer, partitions, end, from);
            start.forEach(consumer::seek);
            long total = 0;
            for (TopicPartition tp : partitions) {
                total += end.get(tp) - start.get(tp);
            }
            WriteSummary summary = WriteSummary.EMPTY;
            Map<TopicPartition, Long> remaining = new HashMap<>();
            partitions.stream().filter(tp -> end.get(tp) > start.get(tp)).forEach(tp -> remaining.put(tp, end.get(tp)));
            while (!remaining.isEmpty()) {
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(500));
                List<StreamRecord> batch = new ArrayList<>(polled.count());
                for (ConsumerRecord<byte[], byte[]> r : polled) {
                    Long stop = remaining.get(new TopicPartition(r.topic(), r.partition()));
                    if (stop != null && r.offset() < stop) {
                        batch.add(new StreamRecord(r.topic(), r.partition(), r.offset(),
                                r.value() == null ? new byte[0] : r.value()));
                    }
                }
                if (!batch.isEmpty()) {
                    summary = summary.plus(writer.writeIsolatingPoison(batch));
                    progress.accept(new long[] {summary.eventsRead(), total});
                }
                for (TopicPartition tp : new ArrayList<>(remaining.keySet())) {
                    if (consumer.position(tp) >= remaining.get(tp)) {
                        consumer.pause(List.of(tp));
                        remaining.remove(tp);
                    }
                }
            }
            return new ReplaySummary(targetName, summary, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static Map<TopicPartition, Long> startOffsets(KafkaConsumer<byte[], byte[]> consumer,
            List<TopicPartition> partitions, Map<TopicPartition, Long> end, Instant from) {
        Map<TopicPartition, Long> start = new HashMap<>(consumer.beginningOffsets(partitions, Duration.ofSeconds(30)));
        if (from != null) {
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(tp -> query.put(tp, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, Duration.ofSeconds(30));
            // No record at or after the time on a partition: nothing to replay there.
            partitions.forEach(tp -> start.put(tp, found.get(tp) == null ? end.get(tp) : found.get(tp).offset()));
        }
        return start;
    }
}
