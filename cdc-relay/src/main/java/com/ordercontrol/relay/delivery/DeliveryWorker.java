package com.ordercontrol.relay.delivery;

import com.ordercontrol.relay.ops.RelayCounters;
import com.ordercontrol.relay.queue.CloudEventQueue;
import com.ordercontrol.relay.queue.QueueSignal;
import com.ordercontrol.relay.queue.QueuedEvent;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued events in queue order, one at a time. A transient failure holds the whole queue
 * until the head's retry time (order matters per venue); a permanent refusal parks the head and the
 * queue moves on. Wakes on every enqueue and at least every worker interval.
 */
public final class DeliveryWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int BATCH = 200;
    private static final Duration DB_RETRY = Duration.ofSeconds(5);

    private final CloudEventQueue queue;
    private final HttpEventSender sender;
    private final BackoffPolicy backoff;
    private final Clock clock;
    private final Duration interval;
    private final QueueSignal enqueued;
    private final QueueSignal drained;
    private final RelayCounters counters;
    private volatile boolean running = true;

    public DeliveryWorker(CloudEventQueue queue, HttpEventSender sender, BackoffPolicy backoff, Clock clock,
                          Duration interval, QueueSignal enqueued, QueueSignal drained, RelayCounters counters) {
        this.queue = queue;
        this.sender = sender;
        this.backoff = backoff;
        this.clock = clock;
        this.interval = interval;
        this.enqueued = enqueued;
        this.drained = drained;
        this.counters = counters;
    }

    @Override
    public void run() {
        while (running) {
            try {
                Duration idle = deliverDue();
                if (idle != null) {
                    enqueued.await(idle);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                // The NUC database may be restarting; the queue is durable, so just try again later.
                log.warn("delivery paused, queue not readable: {}", e.toString());
                try {
                    // Not a full worker interval (30 s): a database restart should cost seconds of delivery.
                    enqueued.await(interval.compareTo(DB_RETRY) < 0 ? interval : DB_RETRY);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Asks the loop to end after the current send. */
    public void stop() {
        running = false;
        enqueued.signal();
    }

    /**
     * Delivers due events from the head of the queue.
     *
     * @return how long to sleep before looking again, or {@code null} to look again at once
     */
    Duration deliverDue() throws SQLException, InterruptedException {
        List<QueuedEvent> head = queue.head(BATCH);
        for (QueuedEvent event : head) {
            if (!running) {
                return null;
            }
            Instant now = clock.instant();
            if (event.nextRetryAt().isAfter(now)) {
                Duration untilDue = Duration.between(now, event.nextRetryAt());
                return untilDue.compareTo(interval) < 0 ? untilDue : interval;
            }
            if (!deliver(event, now)) {
                return interval;
            }
        }
        return head.size() == BATCH ? null : interval;
    }

    /** Sends one event; true when the queue may move on past it. */
    private boolean deliver(QueuedEvent event, Instant now) throws SQLException, InterruptedException {
        DeliveryOutcome outcome = sender.send(event.eventId().toString(), event.body());
        if (outcome instanceof DeliveryOutcome.Accepted accepted) {
            queue.markDelivered(event, accepted.status());
            counters.delivered();
            drained.signal();
            return true;
        }
        if (outcome instanceof DeliveryOutcome.Refused refused) {
            queue.park(event, refused.status(), refused.reason());
            counters.parked();
            log.warn("event {} parked: the cloud refused it ({}); run 'redrive' once the cause is fixed",
                    event.eventId(), outcome.describe());
            drained.signal();
            return true;
        }
        Instant next = backoff.nextAttemptAt(now, event.attempts());
        queue.recordFailure(event, outcome.describe(), next);
        counters.transientFailure();
        if (event.attempts() + 1 == event.maxAttempts()) {
            counters.becameStuck();
            log.error("event {} is stuck after {} failed attempts (last: {}); still retrying, at most {} apart",
                    event.eventId(), event.attempts() + 1, outcome.describe(), backoff.delay(Integer.MAX_VALUE));
        } else {
            log.info("event {} not delivered ({}), attempt {}, next try at {}",
                    event.eventId(), outcome.describe(), event.attempts() + 1, next);
        }
        return false;
    }
}
