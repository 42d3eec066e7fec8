package com.ordercontrol.relay.queue;

import java.util.UUID;

/** What a delivery sends of an event, whether it comes straight from the WAL or from the queue. */
public interface Outgoing {

    /** The event id; the cloud deduplicates on it. */
    UUID eventId();

    /** The exact envelope bytes, signed at send time. */
    byte[] body();
}
