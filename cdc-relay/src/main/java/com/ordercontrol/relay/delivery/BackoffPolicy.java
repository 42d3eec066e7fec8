package com.ordercontrol.relay.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The seed's retry schedule: after the n-th failed attempt (n counted from 0) wait
 * {@code min(base × 2^n, cap)} plus a random jitter of up to {@code jitter × delay}.
 * With the defaults: 30 s, 60 s, 120 s, … 32 min, then 1 h for ever. When the cloud says when to come
 * back ({@code Retry-After} on 429/503) that wins, bounded by the cap.
 */
final class BackoffPolicy {

    private final Duration base;
    private final Duration cap;
    private final double jitter;
    private final DoubleSupplier random;

    /**
     * @param random values in [0, 1); injected so tests can assert the jitter exactly
     */
    BackoffPolicy(Duration base, Duration cap, double jitter, DoubleSupplier random) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap, was base=" + base + " cap=" + cap);
        }
        this.base = base;
        this.cap = cap;
        this.jitter = jitter;
        this.random = random;
    }

    /** The delay before the next attempt, without jitter, after {@code failedBefore} earlier failures. */
    Duration delay(int failedBefore) {
        // Doubling past 2^40 overflows nothing useful; the cap has long been reached by then.
        int exponent = Math.min(Math.max(failedBefore, 0), 40);
        long millis = base.toMillis();
        long capMillis = cap.toMillis();
        for (int i = 0; i < exponent && millis < capMillis; i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, capMillis));
    }

    /** When the event may be tried again, given that the attempt that failed at {@code now} was failure number {@code failedBefore + 1}. */
    Instant nextAttemptAt(Instant now, int failedBefore) {
        Duration delay = delay(failedBefore);
        long jitterMillis = (long) (delay.toMillis() * jitter * random.getAsDouble());
        return now.plus(delay).plusMillis(jitterMillis);
    }

    /**
     * When to try again: {@code now + Retry-After} (at most the cap, no jitter: the cloud chose the
     * time) when the cloud gave one, else the schedule above.
     */
    Instant nextAttemptAt(Instant now, int failedBefore, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            Duration wait = retryAfter.get().isNegative() ? Duration.ZERO : retryAfter.get();
            return now.plus(wait.compareTo(cap) > 0 ? cap : wait);
        }
        return nextAttemptAt(now, failedBefore);
    }
}
