package com.ordercontrol.ingest.stream;

import com.ordercontrol.ingest.IngestSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes verified events to the topic and waits, for a bounded time, until the broker acknowledged them
 * (acks=all, idempotent producer; see application.properties). Only then may the endpoint answer 202.
 *
 * <p>Record layout, readable with kcat: key = venue id (per-venue order), value = the exact verified
 * bytes, headers {@code ce_specversion}, {@code ce_id}, {@code ce_type}, {@code ce_source},
 * {@code ce_time}, {@code content-type}, {@code ingest_node_id}, {@code ingest_received_at},
 * {@code ingest_signature_scheme}.
 *
 * <p>One timer per request, {@code ingest_produce_seconds} (send of the first record to the last
 * acknowledgement, successful or not, tagged {@code outcome}), instead of Spring Kafka's observation of
 * every record: at batch rates that per-record observation cost a seventh of the service's CPU.
 */
@Component
public class EventPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final IngestSettings settings;
    /** One permit per event sent and not yet acknowledged (or failed): {@code ingest.max-pending-events}. */
    private final Semaphore pending;
    private final Timer acknowledged;
    private final Timer failed;

    public EventPublisher(KafkaTemplate<String, byte[]> kafka, IngestSettings settings, MeterRegistry registry) {
        this.kafka = kafka;
        this.settings = settings;
        this.pending = new Semaphore(settings.maxPendingEvents(), true);
        this.acknowledged = produceTimer(registry, "acknowledged");
        this.failed = produceTimer(registry, "failed");
    }

    private static Timer produceTimer(MeterRegistry registry, String outcome) {
        return Timer.builder("ingest.produce").description("one request's records: first send to last acknowledgement")
                .tag("outcome", outcome).register(registry);
    }

    /** Sends one event and waits for its acknowledgement; throws when it does not come in time. */
    public void publish(VerifiedEvent event) throws StreamUnavailableException {
        publishAll(List.of(event));
    }

    /**
     * Sends the events in list order without waiting in between (same key, same partition: the idempotent
     * producer keeps that order), then waits, for {@code ingest.produce-timeout} in all, until every one is
     * acknowledged. Throws when any is not; some of the others may then be stored already.
     *
     * @throws StreamBusyException when this instance had {@code ingest.max-pending-events} events waiting for
     *                             acknowledgement for a quarter of the produce timeout; nothing was sent
     */
    public void publishAll(List<VerifiedEvent> events) throws StreamUnavailableException {
        long deadline = System.nanoTime() + settings.produceTimeout().toNanos();
        if (!admit(events.size())) {
            throw new StreamBusyException(settings.maxPendingEvents() + " events are already waiting for Kafka's "
                    + "acknowledgement on this instance");
        }
        List<CompletableFuture<?>> acks = new ArrayList<>(events.size());
        long started = System.nanoTime();
        Timer outcome = failed;
        try {
            for (VerifiedEvent event : events) {
                acks.add(kafka.send(record(event)).whenComplete((result, failure) -> pending.release()));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            outcome = acknowledged;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamUnavailableException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new StreamUnavailableException("Kafka did not acknowledge " + events.size() + " record(s) within "
                    + settings.produceTimeout().toMillis() + " ms", e);
        } catch (RuntimeException e) {
            // KafkaTemplate can throw synchronously, e.g. when metadata is unavailable for max.block.ms.
            throw new StreamUnavailableException("Kafka refused the record", e);
        } finally {
            pending.release(events.size() - acks.size()); // the permits of records never sent
            outcome.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Takes room for {@code count} events, waiting (first come, first served) up to a quarter of the produce
     * timeout for acknowledgements to free it: a burst of batches queues briefly instead of being refused.
     */
    private boolean admit(int count) throws StreamUnavailableException {
        try {
            return pending.tryAcquire(count, settings.produceTimeout().toNanos() / 4, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamUnavailableException("interrupted while waiting for room", e);
        }
    }

    private ProducerRecord<String, byte[]> record(VerifiedEvent event) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", event.eventId());
        header(headers, "ce_type", event.eventType());
        header(headers, "ce_source", "/venues/" + event.venueId() + "/nodes/" + event.nodeId());
        header(headers, "ce_time", event.occurredAt().toString());
        header(headers, "content-type", "application/json");
        header(headers, "ingest_node_id", event.nodeId());
        header(headers, "ingest_received_at", event.receivedAt().toString());
        header(headers, "ingest_signature_scheme", event.scheme());
        return new ProducerRecord<>(settings.topic(), null, event.venueId(), event.body(), headers);
    }

    private static void header(RecordHeaders headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
