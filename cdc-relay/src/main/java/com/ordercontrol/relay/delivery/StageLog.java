package com.ordercontrol.relay.delivery;

import com.ordercontrol.relay.counters.RelayCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once a minute, if anything was delivered, one INFO line saying where the milliseconds went; and one
 * line with the totals when the relay stops.
 */
final class StageLog {

    private static final Logger log = LoggerFactory.getLogger(StageLog.class);
    private static final long EVERY_NANOS = 60_000_000_000L;

    private final RelayCounters counters;
    private long lastNanos = System.nanoTime();
    private long lastDelivered;
    private long lastRequests;

    StageLog(RelayCounters counters) {
        this.counters = counters;
    }

    void maybeLog() {
        long now = System.nanoTime();
        if (now - lastNanos < EVERY_NANOS) {
            return;
        }
        long delivered = counters.deliveredTotal() - lastDelivered;
        long requests = counters.requestsTotal() - lastRequests;
        lastNanos = now;
        lastDelivered = counters.deliveredTotal();
        lastRequests = counters.requestsTotal();
        if (delivered == 0) {
            return;
        }
        log.info("delivered {} events in {} requests in the last minute; capture (commit to read from the WAL) {}; waiting in"
                        + " the queue {}; queue read {}; HTTP per request {}; queue delete per request {}; queued to delivered {}",
                delivered, requests, counters.capture.summary(), counters.queueWait.summary(), counters.headRead.summary(),
                counters.http.summary(),
                counters.markDelivered.summary(), counters.queuedToDelivered.summary());
    }

    /** The totals since start (at stop). */
    void logSummary() {
        log.info("since start: delivered {} events in {} requests; capture (commit to read from the WAL) {}; waiting in the queue {};"
                        + " queue read {}; HTTP per request {}; queue delete per request {}; queued to delivered {}",
                counters.deliveredTotal(), counters.requestsTotal(), counters.capture.summary(),
                counters.queueWait.summary(), counters.headRead.summary(), counters.http.summary(), counters.markDelivered.summary(),
                counters.queuedToDelivered.summary());
    }
}
