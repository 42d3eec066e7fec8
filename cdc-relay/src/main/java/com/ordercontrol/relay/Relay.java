package com.ordercontrol.relay;

import com.ordercontrol.relay.config.NucDatabase;
import com.ordercontrol.relay.config.RelaySettings;
import com.ordercontrol.relay.counters.RelayCounters;
import com.ordercontrol.relay.delivery.DeliveryWorker;
import com.ordercontrol.relay.delivery.DirectDelivery;
import com.ordercontrol.relay.delivery.IngestClient;
import com.ordercontrol.relay.health.HealthReporter;
import com.ordercontrol.relay.engine.CdcEngine;
import com.ordercontrol.relay.ops.RelayMetrics;
import com.ordercontrol.relay.ops.RelayStatus;
import com.ordercontrol.relay.ops.StatusReader;
import com.ordercontrol.relay.outbox.OutboxTable;
import com.ordercontrol.relay.queue.CloudEventQueue;
import com.ordercontrol.relay.reconcile.ReconciliationSweep;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running relay: applies the NUC migrations, captures outbox inserts from the WAL into the
 * durable queue, delivers them to the cloud in queue order, and sweeps for anything the stream
 * missed. Figures are on JMX ({@code com.ordercontrol.relay:type=Relay,slot=<slot>}) and in
 * {@link #status()}.
 *
 * <pre>{@code
 * try (Relay relay = Relay.start(RelaySettings.fromEnvironment(System.getenv()))) { ... }
 * }</pre>
 */
public final class Relay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Relay.class);

    private final HikariDataSource dataSource;
    private final DeliveryWorker worker;
    private final ScheduledExecutorService sweeper;
    private final CdcEngine engine;
    private final RelayCounters counters;
    private final StatusReader statusReader;
    private final RelayMetrics metrics;
    private final HealthReporter health;

    private Relay(HikariDataSource dataSource, DeliveryWorker worker, ScheduledExecutorService sweeper, CdcEngine engine,
                  RelayCounters counters, StatusReader statusReader, RelayMetrics metrics, HealthReporter health) {
        this.dataSource = dataSource;
        this.worker = worker;
        this.sweeper = sweeper;
        this.engine = engine;
        this.counters = counters;
        this.statusReader = statusReader;
        this.metrics = metrics;
        this.health = health;
    }

    /** Starts a relay on the system clock. */
    public static Relay start(RelaySettings settings) {
        return start(settings, Clock.systemUTC());
    }

    /**
     * Starts a relay whose retry schedule, sweep and queue times come from {@code clock}
     * (tests move it to simulate hours of outage).
     *
     * @throws RuntimeException when the database cannot be reached or migrated; nothing is left running
     */
    public static Relay start(RelaySettings settings, Clock clock) {
        return start(settings, clock, Clock.systemUTC());
    }

    /** As {@link #start(RelaySettings, Clock)}, with the NUC's wall clock too (tests skew it against the cloud's). */
    static Relay start(RelaySettings settings, Clock clock, Clock wallClock) {
        log.info("relay starting: {}", settings);
        HikariDataSource dataSource = NucDatabase.open(settings, "relay", 6);
        try {
            NucDatabase.migrate(dataSource);
            RelayCounters counters = new RelayCounters();
            CloudEventQueue queue = new CloudEventQueue(dataSource, clock, settings.queueCapacity(),
                    settings.stuckAfterAttempts());
            IngestClient client = IngestClient.forNode(settings, wallClock);
            DirectDelivery direct = DirectDelivery.create(settings, client, queue, dataSource, counters, clock,
                    wallClock);
            // Capture first: it checks the publication and may refuse to start, leaving nothing running.
            CdcEngine engine = CdcEngine.start(settings, dataSource, queue, direct, counters);
            DeliveryWorker worker = DeliveryWorker.start(settings, client, queue, direct, counters, clock, wallClock);

            ReconciliationSweep sweep = new ReconciliationSweep(new OutboxTable(dataSource), queue,
                    settings.reconcileGrace(), settings.outboxRetention(), clock, counters);
            ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "relay-sweep"));
            // First pass at once: on a first start it picks up rows committed before the slot existed.
            sweeper.scheduleWithFixedDelay(sweep, 0, settings.reconcileInterval().toMillis(), TimeUnit.MILLISECONDS);

            StatusReader status = new StatusReader(dataSource, queue, settings.slotName(), settings.outboxRetention(), clock);
            RelayMetrics metrics = RelayMetrics.register(status, counters, settings.slotName());
            // Its own thread: a slow or failing report never holds up delivery.
            HealthReporter health = HealthReporter.start(settings, client, status, counters, clock, wallClock);
            log.info("relay started: slot {}, sending to {} as node {}, batches of up to {} events / {} bytes;"
                    + " health reports to {} every {} when idle", settings.slotName(), settings.ingestUri(),
                    settings.serverNodeId(), settings.batchMaxEvents(), settings.batchMaxBytes(), settings.healthUri(),
                    settings.healthInterval());
            return new Relay(dataSource, worker, sweeper, engine, counters, status, metrics, health);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /** The figures of the {@code status} command, read now. */
    public RelayStatus status() throws SQLException {
        return statusReader.read();
    }

    /** Totals since start (deliveries, parks, retries, back-pressure, reconciled). */
    public RelayCounters counters() {
        return counters;
    }

    /** Stops capture first (so nothing is half-queued), then the sweep, health reports and delivery, then the pool. */
    @Override
    public void close() {
        engine.close();
        health.close();
        sweeper.shutdownNow();
        worker.close();
        try {
            sweeper.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (metrics != null) {
            metrics.close();
        }
        dataSource.close();
        log.info("relay stopped");
    }
}
