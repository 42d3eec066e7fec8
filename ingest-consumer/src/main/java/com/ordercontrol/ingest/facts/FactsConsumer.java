package com.ordercontrol.ingest.facts;

import com.ordercontrol.ingest.monitoring.IngestCounters;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The live consumer: each polled batch is written in one database transaction; the container commits
 * the batch's offsets only after this method returns, i.e. after the database commit (ack mode BATCH).
 * When the infrastructure fails (database or connection), the batch is retried after a pause, forever,
 * and nothing is skipped (see {@link FactsConsumerConfiguration}); a record that fails for any other
 * reason is isolated and dead-lettered by {@link PoisonIsolator}, and the stream moves on.
 */
@Component
class FactsConsumer {

    private static final Logger log = LoggerFactory.getLogger(FactsConsumer.class);

    private final PoisonIsolator isolator;
    private final IngestCounters counters;

    FactsConsumer(FactWriter writer, IngestCounters counters) {
        this.isolator = PoisonIsolator.of(writer, counters::increment);
        this.counters = counters;
    }

    @KafkaListener(id = "facts", topics = "${ingest.topic:pos-events}", groupId = "${ingest.consumer-group:ingest-facts}",
            autoStartup = "${ingest.consumer-enabled:true}", batch = "true")
    void consume(List<ConsumerRecord<String, byte[]>> batch) {
        List<StreamRecord> records = new ArrayList<>(batch.size());
        for (ConsumerRecord<String, byte[]> r : batch) {
            records.add(new StreamRecord(r.topic(), r.partition(), r.offset(), r.value() == null ? new byte[0] : r.value()));
        }
        WriteSummary summary;
        try {
            summary = isolator.write(records);
        } catch (RuntimeException e) {
            // Only an infrastructure failure (or a dead letter that could not be written) gets here.
            counters.increment("facts.batch_retries");
            log.warn("batch of {} records not written ({}), will retry: {}", records.size(),
                    Failures.isInfrastructure(e) ? "infrastructure failure" : "unexpected failure", e.getMessage());
            throw e;
        }
        counters.add("facts.events_read", summary.eventsRead());
        counters.add("facts.facts_written", summary.factsWritten());
        counters.add("facts.duplicates_skipped", summary.duplicatesSkipped());
        counters.add("facts.dead_letters", summary.deadLetters());
        if (summary.deadLetters() > 0) {
            log.warn("{} record(s) of this batch went to dead_letter_events", summary.deadLetters());
        }
    }
}
