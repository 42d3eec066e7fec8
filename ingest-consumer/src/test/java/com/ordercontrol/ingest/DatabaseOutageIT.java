package com.ordercontrol.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercontrol.infra.FreePort;
import com.ordercontrol.ingest.support.CloudServers;
import com.ordercontrol.ingest.support.Events;
import com.ordercontrol.ingest.support.IngestClient;
import com.ordercontrol.ingest.support.RunningIngest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 4: stopping the cloud database while events flow, then starting it again: every event becomes a
 * fact, none twice. This class has its own PostgreSQL (same data directory and port across the restart).
 */
// No node cache: the request sent while the database is down must find it down (and get 503).
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ingest.node-cache-ttl=0s")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DatabaseOutageIT extends RunningIngest {

    static final Path BASE = Path.of("target", "outage-postgres");
    static final int PORT = FreePort.pick();
    static EmbeddedPostgres postgres = start(true);

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        CloudServers.register(registry, "outage_it");
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + PORT + "/postgres");
    }

    static EmbeddedPostgres start(boolean fresh) {
        try {
            if (fresh) {
                deleteRecursively(BASE);
            }
            Files.createDirectories(BASE.resolve("work"));
            return EmbeddedPostgres.builder().setDataDirectory(BASE.resolve("data")).setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(BASE.resolve("work").toFile()).setPort(PORT)
                    .setServerConfig("synchronous_commit", "on").setPGStartupWait(Duration.ofSeconds(60)).start();
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL for the outage test did not start", e);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Test
    void afterADatabaseOutageEveryEventBecomesAFactAndNoneTwice() throws Exception {
        registry.addVenue("venue-o", "O", ZoneId.of("UTC"));
        registry.addLegacyNode("node-o", "venue-o", "secret-of-o");
        IngestClient client = new IngestClient(port);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String body = Events.simple("venue-o", "2.00", "0.50");
            bodies.add(body);
            assertThat(client.postSigned("node-o", "secret-of-o", body).statusCode()).isEqualTo(202);
        }

        postgres.close();
        // While the database is down: the endpoint answers 503 (retryable), and records keep arriving on the
        // topic (written here directly, as verified bytes, the way the endpoint writes them).
        assertThat(client.postSigned("node-o", "secret-of-o", Events.simple("venue-o", "1.00", "0")).statusCode())
                .isEqualTo(503);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < 30; i++) {
                String body = Events.simple("venue-o", "3.00", "0.00");
                bodies.add(body);
                producer.send(new ProducerRecord<>(topic, "venue-o", Events.bytes(body))).get();
            }
        }
        long retriesBefore = counters.get("facts.batch_retries");
        await().atMost(Duration.ofSeconds(30)).until(() -> counters.get("facts.batch_retries") > retriesBefore);

        postgres = start(false);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                jdbc.queryForObject("select count(*) from events", Integer.class)).isEqualTo(50));
        assertThat(jdbc.queryForObject("select count(*) from payment_facts where venue_id = 'venue-o'", Integer.class))
                .isEqualTo(50);
        assertThat(jdbc.queryForObject("select count(*) from dead_letter_events", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("select sum(amount) from payment_facts", String.class)).isEqualTo("130.0000");
        for (String body : bodies) {
            assertThat(jdbc.queryForObject("select count(*) from payment_facts where event_id = ?", Integer.class,
                    Events.eventIdOf(body))).isEqualTo(1);
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, CloudServers.kafka().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
