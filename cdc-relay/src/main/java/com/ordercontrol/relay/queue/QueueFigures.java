package com.ordercontrol.relay.queue;

import java.time.Instant;
import java.util.Optional;

/**
 * What the queue holds right now.
 *
 * @param pending        events waiting for delivery (this is what the cap limits)
 * @param parked         events refused permanently by the cloud, waiting for {@code redrive}
 * @param stuck          pending events that failed at least their max attempts and keep retrying
 * @param oldestPending  creation time of the oldest pending event
 * @param lastDelivery   when the cloud last accepted an event
 */
public record QueueFigures(long pending, long parked, long stuck, Optional<Instant> oldestPending,
                           Optional<Instant> lastDelivery) {
}
