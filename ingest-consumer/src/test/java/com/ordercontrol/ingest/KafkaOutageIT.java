package com.ordercontrol.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercontrol.infra.KafkaBroker;
import com.ordercontrol.ingest.support.CloudServers;
import com.ordercontrol.ingest.support.Events;
import com.ordercontrol.ingest.support.IngestClient;
import com.ordercontrol.ingest.support.RunningIngest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Issue 4: when Kafka cannot acknowledge within the bounded time the endpoint answers 503 and stores nothing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ingest.produce-timeout=2s", "ingest.consumer-enabled=false"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KafkaOutageIT extends RunningIngest {

    // Its own broker, since this test stops it.
    static final KafkaBroker broker = KafkaBroker.startFresh(Path.of("target", "outage-kafka"), 0);

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        CloudServers.register(registry, "kafka_outage_it");
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
    }

    @Test
    void answers503WithinTheBoundWhenKafkaIsDown() {
        registry.addVenue("venue-k", "K", ZoneId.of("UTC"));
        registry.addLegacyNode("node-k", "venue-k", "secret-of-k");
        IngestClient client = new IngestClient(port);
        assertThat(client.postSigned("node-k", "secret-of-k", Events.simple("venue-k", "1.00", "0")).statusCode())
                .isEqualTo(202);

        broker.close();
        long started = System.nanoTime();
        HttpResponse<String> response = client.postSigned("node-k", "secret-of-k", Events.simple("venue-k", "2.00", "0"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(took).isLessThan(Duration.ofSeconds(8));
        assertThat(counters.get("ingest.unavailable.503")).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from events", Integer.class)).isZero();
    }
}
