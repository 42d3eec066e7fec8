package com.ordercontrol.relay.outbox;

import com.ordercontrol.contract.ContractJson;
import com.ordercontrol.contract.EventEnvelope;
import com.ordercontrol.relay.queue.NewEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/**
 * One {@code outbox_event} row as the relay reads it, from the WAL (Debezium) or from the table (the
 * sweep, {@code resend}). The one place where a row becomes the wire envelope, so both paths send
 * the same bytes.
 *
 * @param eventId     the row's event id
 * @param eventType   for example {@code order_paid}
 * @param venueId     the venue
 * @param occurredAt  when it happened at the POS
 * @param payloadJson the {@code jsonb} payload as text
 * @param createdAt   when the POS inserted the row (the sweep pages on it; unknown on the WAL path)
 */
public record OutboxRow(String eventId, String eventType, String venueId, Instant occurredAt, String payloadJson,
                        Instant createdAt) {

    /** The wire envelope of this row. */
    public EventEnvelope toEnvelope() {
        try {
            return new EventEnvelope(eventId, eventType, venueId, occurredAt, ContractJson.read(payloadJson));
        } catch (IOException e) {
            // jsonb is always valid JSON; this would mean the column or Debezium's mapping changed.
            throw new IllegalStateException("outbox payload of event " + eventId + " is not JSON", e);
        }
    }

    /** The queue entry for this row: its envelope's exact bytes. */
    public NewEvent toNewEvent() {
        EventEnvelope envelope = toEnvelope();
        return new NewEvent(UUID.fromString(envelope.eventId()), envelope.eventType(), envelope.venueId(), envelope.toJson());
    }
}
