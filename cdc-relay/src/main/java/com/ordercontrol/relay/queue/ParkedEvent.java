package com.ordercontrol.relay.queue;

import java.time.Instant;
import java.util.UUID;

/**
 * An event the cloud refused permanently.
 *
 * @param eventId    the event
 * @param httpStatus the cloud's answer, e.g. 403
 * @param reason     the cloud's explanation as received
 * @param parkedAt   when it was parked
 */
public record ParkedEvent(UUID eventId, int httpStatus, String reason, Instant parkedAt) {
}
