package com.ordercontrol.ingest;

import com.ordercontrol.ingest.facts.FactWriter;
import com.ordercontrol.ingest.replay.FreshSchema;
import com.ordercontrol.ingest.replay.ProgressBar;
import com.ordercontrol.ingest.replay.ReplaySummary;
import com.ordercontrol.ingest.replay.TopicReplayer;
import com.ordercontrol.ingest.support.CloudServers;
import com.ordercontrol.ingest.support.Events;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Replay rate on the real servers: writes {@code -Dbenchmark.events} (default 100,000) order_paid records
 * to a fresh topic (6 partitions, 20 venues), replays them into a fresh schema and prints the figures.
 * Not part of the default build (excluded in the pom); run with
 * {@code mvn -B -pl ingest-consumer verify -Dit.test=ReplayRateBenchmark -Dbenchmark.events=100000}.
 */
class ReplayRateBenchmark {

    @Test
    void replaysTheTopicIntoAFreshSchemaAndPrintsTheRate() throws Exception {
        int events = Integer.getInteger("benchmark.events", 100_000);
        String topic = "bench-" + System.currentTimeMillis();
        String url = CloudServers.postgres().createDatabase("replay_bench");
        String bootstrap = CloudServers.kafka().bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        long produceStart = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            for (int i = 0; i < events; i++) {
                String venue = "venue-" + (i % 20);
                producer.send(new ProducerRecord<>(topic, venue, Events.bytes(Events.simple(venue, "12.34", "1.00"))));
            }
            producer.flush();
        }
        double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
        System.out.printf("produced %d events in %.1f s%n", events, produceSeconds);

        DataSource schema = FreshSchema.create(url, "postgres", "", "bench_" + System.currentTimeMillis());
        TopicReplayer replayer = new TopicReplayer(Map.of("bootstrap.servers", bootstrap), topic);
        ProgressBar bar = new ProgressBar(System.out);
        ReplaySummary summary = replayer.replay(new FactWriter(schema), "fresh schema", null,
                done -> bar.update(done[0], done[1]));
        bar.finish();
        System.out.println(summary);
        System.out.printf("REPLAY RATE: %.0f events/s (%d events, %d facts, %.1f s)%n", summary.eventsPerSecond(),
                summary.written().eventsRead(), summary.written().factsWritten(), summary.elapsed().toMillis() / 1000.0);
        if (summary.written().factsWritten() != events) {
            throw new AssertionError("expected " + events + " facts, got " + summary.written().factsWritten());
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }
}
