package com.ordercontrol.relay.health;

import com.ordercontrol.relay.config.RelaySettings;
import com.ordercontrol.relay.counters.RelayCounters;
import com.ordercontrol.relay.delivery.CloudReply;
import com.ordercontrol.relay.delivery.IngestClient;
import com.ordercontrol.relay.ops.RelayStatus;
import com.ordercontrol.relay.ops.StatusReader;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the cloud how this node is doing ({@link HealthReport}) on the {@link HealthSchedule}: after
 * deliveries and on an idle heartbeat, so the cloud can flag a venue whose NUC went silent. Runs on
 * its own thread with the relay's signed client: a slow or failing report never holds up delivery.
 * A failed report is counted and logged (WARN once per streak) and is not retried before its next
 * scheduled time.
 */
public final class HealthReporter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HealthReporter.class);

    /** Sends one signed report body. */
    interface Sender {
        CloudReply send(byte[] body, String messageId) throws InterruptedException;
    }

    /** The figures of {@code status}. */
    interface StatusSource {
        RelayStatus read() throws SQLException;
    }

    private final HealthSchedule schedule;
    private final StatusSource status;
    private final Sender sender;
    private final RelayCounters counters;
    private final String version;
    private final Clock clock;
    private final Clock wallClock;
    private ScheduledExecutorService executor;
    private int failuresInARow;

    HealthReporter(HealthSchedule schedule, StatusSource status, Sender sender, RelayCounters counters,
                   String version, Clock clock, Clock wallClock) {
        this.schedule = schedule;
        this.status = status;
        this.sender = sender;
        this.counters = counters;
        this.version = version;
        this.clock = clock;
        this.wallClock = wallClock;
    }

    /**
     * Starts reporting on its own thread; the first report goes at once.
     *
     * @param clock     the relay's clock (the schedule and queue ages)
     * @param wallClock real time for {@code reportedAt}
     */
    public static HealthReporter start(RelaySettings settings, IngestClient client, StatusReader status,
                                       RelayCounters counters, Clock clock, Clock wallClock) {
        HealthSchedule schedule = new HealthSchedule(settings.healthMinInterval(), settings.healthInterval());
        HealthReporter reporter = new HealthReporter(schedule, status::read,
                (body, id) -> client.postSigned(settings.healthUri(), body, id), counters, RelayVersion.current(),
                clock, wallClock);
        reporter.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "relay-health");
            t.setDaemon(true);
            return t;
        });
        long tick = schedule.tick().toMillis();
        reporter.executor.scheduleWithFixedDelay(reporter::tick, 0, tick, TimeUnit.MILLISECONDS);
        return reporter;
    }

    /** Sends a report if one is due; never throws (an exception would end the schedule). */
    void tick() {
        try {
            Instant now = clock.instant();
            long activity = counters.deliveredTotal() + counters.parkedTotal();
            if (!schedule.due(now, activity)) {
                return;
            }
            schedule.sent(now, activity);
            send(report());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failed("could not be sent: " + e);
        }
    }

    private HealthReport report() {
        Long skew = counters.clockSkewMillis() == Long.MIN_VALUE ? null : counters.clockSkewMillis();
        Instant at = wallClock.instant();
        try {
            return HealthReport.of(at, version, status.read(), counters.backPressure(), skew);
        } catch (SQLException | RuntimeException e) {
            log.debug("health report without the queue's figures, the NUC database is not readable: {}", e.toString());
            return HealthReport.withoutDatabase(at, version, counters.backPressure(), skew);
        }
    }

    private void send(HealthReport report) throws InterruptedException {
        CloudReply reply = sender.send(report.toJson(), "health_" + UUID.randomUUID());
        if (reply.answered()) {
            reply.clockSkewMillis().ifPresent(counters::clockSkew);
        }
        if (reply.status() == 202 || reply.status() == 200) {
            counters.healthReported();
            if (failuresInARow > 0) {
                log.info("node health reports reach the cloud again (after {} failed)", failuresInARow);
            }
            failuresInARow = 0;
        } else {
            failed("was not accepted: " + reply.describe());
        }
    }

    private void failed(String why) {
        counters.healthReportFailed();
        failuresInARow++;
        if (failuresInARow == 1) {
            log.warn("node health report {}; the next one goes on schedule (events are not affected)", why);
        } else {
            log.debug("node health report {} ({} in a row)", why, failuresInARow);
        }
    }

    /** Stops reporting; a report in flight is abandoned. */
    @Override
    public void close() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
