package com.ordercontrol.relay.engine;

import com.ordercontrol.relay.outbox.OutboxRow;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Reads a Debezium change record of {@code outbox_event} as an {@link OutboxRow}. Only inserts (and
 * snapshot reads) are events; the relay's own retention deletes, heartbeats and anything else are not.
 */
final class OutboxRecords {

    static final String OUTBOX_TABLE = "outbox_event";

    private OutboxRecords() {
    }

    /** The row of an outbox insert, or empty for any other record. */
    static Optional<OutboxRow> rowOf(SourceRecord record) {
        if (record.topic() == null || !record.topic().endsWith("." + OUTBOX_TABLE)
                || !(record.value() instanceof Struct value)) {
            return Optional.empty();
        }
        String op = value.getString("op");
        if (!"c".equals(op) && !"r".equals(op)) {
            return Optional.empty();
        }
        // Debezium gives uuid, timestamptz (ZonedTimestamp) and jsonb as strings.
        Struct row = value.getStruct("after");
        return Optional.of(new OutboxRow(row.getString("event_id"), row.getString("event_type"), row.getString("venue_id"),
                OffsetDateTime.parse(row.getString("occurred_at")).toInstant(), row.getString("payload"), null));
    }

    /** When the row's transaction committed (the source's {@code ts_ms}), if Debezium says. */
    static Optional<Instant> committedAt(SourceRecord record) {
        if (record.value() instanceof Struct value && value.schema().field("source") != null) {
            Struct source = value.getStruct("source");
            if (source != null && source.schema().field("ts_ms") != null && source.getInt64("ts_ms") != null) {
                return Optional.of(Instant.ofEpochMilli(source.getInt64("ts_ms")));
            }
        }
        return Optional.empty();
    }
}
