package com.ordercontrol.relay.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercontrol.contract.ContractJson;
import com.ordercontrol.contract.EventEnvelope;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns a Debezium change record of {@code outbox_event} into the wire envelope. Only inserts (and
 * snapshot reads) are events; the relay's own retention deletes, heartbeats and anything else are not.
 */
final class OutboxRecords {

    static final String OUTBOX_TABLE = "outbox_event";

    private OutboxRecords() {
    }

    /** The envelope of an outbox insert, or empty for any other record. */
    static Optional<EventEnvelope> envelopeOf(SourceRecord record) {
        if (record.topic() == null || !record.topic().endsWith("." + OUTBOX_TABLE)
                || !(record.value() instanceof Struct value)) {
            return Optional.empty();
        }
        String op = value.getString("op");
        if (!"c".equals(op) && !"r".equals(op)) {
            return Optional.empty();
        }
        return Optional.of(toEnvelope(value.getStruct("after")));
    }

    /** Maps the row; Debezium gives uuid, timestamptz (ZonedTimestamp) and jsonb as strings. */
    static EventEnvelope toEnvelope(Struct row) {
        try {
            JsonNode payload = ContractJson.read(row.getString("payload"));
            return new EventEnvelope(
                    row.getString("event_id"),
                    row.getString("event_type"),
                    row.getString("venue_id"),
                    OffsetDateTime.parse(row.getString("occurred_at")).toInstant(),
                    payload);
        } catch (IOException e) {
            // jsonb is always valid JSON; this would mean Debezium changed its mapping.
            throw new IllegalStateException("outbox payload of event " + row.getString("event_id") + " is not JSON", e);
        }
    }
}
