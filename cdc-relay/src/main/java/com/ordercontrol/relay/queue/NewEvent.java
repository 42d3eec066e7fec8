package com.ordercontrol.relay.queue;

import com.ordercontrol.contract.EventEnvelope;
import java.util.UUID;

/**
 * An event about to enter the queue: its id, type, venue and the exact envelope bytes that will be
 * signed and sent.
 *
 * @param eventId   the outbox row's event id
 * @param eventType for example {@code order_paid}
 * @param venueId   the venue (the seed's {@code locationId})
 * @param body      {@link EventEnvelope#toJson()} of the event
 */
public record NewEvent(UUID eventId, String eventType, String venueId, byte[] body) implements Outgoing {
}
