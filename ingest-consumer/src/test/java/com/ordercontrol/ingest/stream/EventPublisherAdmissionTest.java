package com.ordercontrol.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ordercontrol.ingest.IngestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Admission control: past {@code ingest.max-pending-events} unacknowledged events a request is refused at
 * once (nothing sent) instead of joining a queue where every request times out. The broker is a
 * {@link MockProducer} whose acknowledgements the test releases by hand.
 */
class EventPublisherAdmissionTest {

    // KafkaTemplate closes a factory's producer after each send; this one stays open like a shared producer.
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer()) {
                @Override
                public void close(Duration timeout) {
                }
            };
    private final EventPublisher publisher = new EventPublisher(new KafkaTemplate<>(() -> producer),
            new IngestSettings("t", 1 << 20, Duration.ofSeconds(5), Duration.ofMinutes(5), true, "g",
                    Duration.ofSeconds(1), "classpath:kafka/topics.properties", true, true, 2, Duration.ZERO, 1, 1, 3), new SimpleMeterRegistry());

    @Test
    void aRequestPastThePendingLimitWaitsAQuarterOfTheProduceTimeoutThenIsRefusedAndNothingIsSent() throws Exception {
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> publish(events(2)));
        awaitSent(2);

        long started = System.nanoTime();
        assertThatThrownBy(() -> publisher.publishAll(events(2))).isInstanceOf(StreamBusyException.class)
                .hasMessageContaining("3 events are already waiting");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1250));
        assertThat(producer.history()).hasSize(2);

        while (producer.completeNext()) {
            // acknowledge what the first request sent
        }
        first.get(5, TimeUnit.SECONDS);
        publishAcknowledging(events(3)); // the permits came back with the acknowledgements
        assertThat(producer.history()).hasSize(5);
    }

    @Test
    void aRequestPastThePendingLimitGoesThroughWhenAcknowledgementsMakeRoomInTime() throws Exception {
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> publish(events(2)));
        awaitSent(2);
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> publish(events(2)));
        Thread.sleep(200);
        assertThat(producer.history()).as("the second request waits for room").hasSize(2);

        while (producer.completeNext()) {
            // acknowledge the first request: its permits let the second one in
        }
        first.get(5, TimeUnit.SECONDS);
        awaitSent(4);
        while (producer.completeNext()) {
            // acknowledge the second
        }
        second.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aFailedSendGivesItsPermitsBack() throws Exception {
        CompletableFuture<Void> failing = CompletableFuture.runAsync(() -> publish(events(3)));
        awaitSent(3);
        while (producer.errorNext(new RuntimeException("broker gone"))) {
            // every record fails
        }
        assertThatThrownBy(() -> failing.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        publishAcknowledging(events(3));
        assertThat(producer.history()).hasSize(6);
    }

    private void publishAcknowledging(List<VerifiedEvent> events) throws Exception {
        int before = producer.history().size();
        CompletableFuture<Void> call = CompletableFuture.runAsync(() -> publish(events));
        awaitSent(before + events.size());
        while (producer.completeNext()) {
            // acknowledge
        }
        call.get(5, TimeUnit.SECONDS);
    }

    private void publish(List<VerifiedEvent> events) {
        try {
            publisher.publishAll(events);
        } catch (StreamUnavailableException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitSent(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (producer.history().size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(producer.history()).hasSize(n);
    }

    private static List<VerifiedEvent> events(int n) {
        return IntStream.range(0, n).mapToObj(i -> new VerifiedEvent("e" + i, "order_paid", "venue-1",
                Instant.parse("2026-02-19T18:22:03Z"), "node-1", "seed", Instant.now(), new byte[] {'{', '}'})).toList();
    }
}
