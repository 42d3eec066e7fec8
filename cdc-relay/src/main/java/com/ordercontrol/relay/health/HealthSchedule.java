package com.ordercontrol.relay.health;

import java.time.Duration;
import java.time.Instant;

/**
 * When the next health report is due: right after start, after deliveries (at most every
 * {@code minInterval}) and, when nothing moves, every {@code interval} (the heartbeat that tells the
 * cloud the node is alive). A report that failed counts as sent: the next one simply comes on this
 * schedule, so a cloud outage never gets more than one report per interval from each node.
 */
final class HealthSchedule {

    private final Duration minInterval;
    private final Duration interval;
    private Instant lastSent;
    private long activityAtLastSend;

    HealthSchedule(Duration minInterval, Duration interval) {
        this.minInterval = minInterval;
        this.interval = interval;
    }

    /**
     * @param activity a total that grows with every delivery or park (deliveries since start, for example)
     */
    boolean due(Instant now, long activity) {
        if (lastSent == null) {
            return true;
        }
        Duration since = Duration.between(lastSent, now);
        return since.compareTo(interval) >= 0
                || (activity != activityAtLastSend && since.compareTo(minInterval) >= 0);
    }

    void sent(Instant at, long activity) {
        lastSent = at;
        activityAtLastSend = activity;
    }

    /** How often to look: often enough that neither interval is overshot by much, never busier than 1 s. */
    Duration tick() {
        Duration shortest = minInterval.compareTo(interval) < 0 ? minInterval : interval;
        Duration quarter = shortest.dividedBy(4);
        Duration second = Duration.ofSeconds(1);
        return quarter.compareTo(second) < 0 ? (quarter.isZero() ? Duration.ofMillis(10) : quarter) : second;
    }
}
