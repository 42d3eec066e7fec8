package com.ordercontrol.relay.reconcile;

import com.ordercontrol.relay.counters.RelayCounters;
import com.ordercontrol.relay.outbox.OutboxRow;
import com.ordercontrol.relay.outbox.OutboxTable;
import com.ordercontrol.relay.queue.CloudEventQueue;
import com.ordercontrol.relay.queue.NewEvent;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety net under change capture. Debezium 3.6 can skip events on restart, a replication slot
 * can be dropped and recreated, and rows committed before the slot existed are never streamed
 * (snapshot mode {@code no_data}). So, periodically, outbox rows older than the grace period that are
 * neither queued nor delivered are queued (within the cap); the cloud deduplicates any repeat.
 * The same pass purges delivered outbox rows past the retention window.
 */
public final class ReconciliationSweep implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationSweep.class);
    private static final int PAGE = 500;

    private final OutboxTable outbox;
    private final CloudEventQueue queue;
    private final Duration grace;
    private final Duration retention;
    private final Clock clock;
    private final RelayCounters counters;
    private long lastKept;
    private long lastBackPressureEpisodes;
    private Instant streamCatchingUpSince;

    public ReconciliationSweep(OutboxTable outbox, CloudEventQueue queue, Duration grace, Duration retention, Clock clock,
                               RelayCounters counters) {
        this.outbox = outbox;
        this.queue = queue;
        this.grace = grace;
        this.retention = retention;
        this.clock = clock;
        this.counters = counters;
    }

    /** One scheduled pass; never throws, so the schedule keeps running. */
    @Override
    public void run() {
        try {
            reconcile();
            purge();
        } catch (SQLException | RuntimeException e) {
            log.warn("reconciliation sweep failed, will try again next interval: {}", e.toString());
        }
    }

    /**
     * Queues missed outbox rows until none are left or the queue is full.
     *
     * @return how many were queued
     */
    int reconcile() throws SQLException {
        if (streamCatchingUp()) {
            return 0;
        }
        Instant createdBefore = clock.instant().minus(grace);
        int queued = 0;
        while (true) {
            List<NewEvent> missed = outbox.missed(createdBefore, PAGE).stream().map(OutboxRow::toNewEvent).toList();
            if (missed.isEmpty()) {
                break;
            }
            int taken = queue.offer(missed);
            queued += taken;
            if (taken < missed.size()) {
                // Queue full: the rest waits for the next pass; back-pressure, not loss.
                break;
            }
        }
        if (queued > 0) {
            counters.reconciled(queued);
            log.warn("reconciliation queued {} outbox events the change stream had not delivered", queued);
        }
        return queued;
    }

    /**
     * While the queue is full, and for a grace period after, old outbox rows are still waiting in the
     * slot, not missed; leaving them to the stream keeps them in commit order. (There is no room for
     * them in the queue during back-pressure anyway.)
     */
    private boolean streamCatchingUp() {
        Instant now = clock.instant();
        long episodes = counters.backPressureWaitsTotal();
        if (counters.backPressure() || episodes != lastBackPressureEpisodes) {
            lastBackPressureEpisodes = episodes;
            streamCatchingUpSince = now;
        }
        return streamCatchingUpSince != null && now.isBefore(streamCatchingUpSince.plus(grace));
    }

    /** Purges delivered outbox rows past retention; warns about undelivered ones it keeps. */
    int purge() throws SQLException {
        Instant cutoff = clock.instant().minus(retention);
        int purged = outbox.purgeDelivered(cutoff);
        long kept = outbox.undeliveredBefore(cutoff);
        if (kept > 0 && kept != lastKept) {
            // Said again only when the number changes, so a long outage does not flood the log.
            log.warn("{} outbox events older than the retention window are not delivered yet; they are kept", kept);
        }
        lastKept = kept;
        if (purged > 0) {
            log.info("purged {} delivered outbox events older than {}", purged, cutoff);
        }
        return purged;
    }
}
