package com.ordercontrol.relay.queue;

import java.time.Instant;

/**
 * A delivery attempt that failed before the event entered the queue (on the direct path): the event is
 * queued with it counted, so the retry schedule and the cloud's {@code Retry-After} hold as if the queue
 * had made the attempt.
 *
 * @param error       what went wrong, as the queue's {@code last_error}
 * @param nextRetryAt not to be sent again before this instant
 */
public record FailedAttempt(String error, Instant nextRetryAt) {
}
