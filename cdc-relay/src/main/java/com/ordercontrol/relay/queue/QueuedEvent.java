package com.ordercontrol.relay.queue;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code cloud_event_queue} waiting for delivery.
 *
 * @param position    queue order (lower goes first)
 * @param eventId     the event id; the cloud deduplicates on it
 * @param eventType   for example {@code order_paid}
 * @param body        exact envelope bytes, signed at send time
 * @param attempts    failed attempts so far
 * @param maxAttempts failed attempts after which the event counts as stuck
 * @param nextRetryAt not to be sent before this instant
 * @param queuedAt    when it entered the queue
 */
public record QueuedEvent(long position, UUID eventId, String eventType, byte[] body, int attempts, int maxAttempts,
                          Instant nextRetryAt, Instant queuedAt) implements Outgoing {

    /** True once this event has failed often enough to be flagged stuck (it keeps retrying). */
    public boolean stuck() {
        return attempts >= maxAttempts;
    }
}
