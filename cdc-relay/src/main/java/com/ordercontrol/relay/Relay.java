package com.ordercontrol.relay;

import com.ordercontrol.contract.EventSigner;
import com.ordercontrol.relay.config.RelaySettings;
import com.ordercontrol.relay.delivery.BackoffPolicy;
import com.ordercontrol.relay.delivery.DeliveryWorker;
import com.ordercontrol.relay.delivery.HttpEventSender;
import com.ordercontrol.relay.engine.CdcEngine;
import com.ordercontrol.relay.ops.RelayCounters;
import com.ordercontrol.relay.queue.CloudEventQueue;
import com.ordercontrol.relay.queue.QueueSignal;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running relay: applies the NUC migrations, captures outbox inserts from the WAL into the
 * durable queue, delivers them to the cloud, and sweeps for anything the stream missed.
 *
 * <pre>{@code
 * try (Relay relay = Relay.start(RelaySettings.fromEnvironment(System.getenv()))) { ... }
 * }</pre>
 */
public final class Relay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Relay.class);

    private final HikariDataSource dataSource;
    private final DeliveryWorker worker;
    private final Thread workerThread;
    private final CdcEngine engine;
    private final RelayCounters counters;

    private Relay(HikariDataSource dataSource, DeliveryWorker worker, Thread workerThread, CdcEngine engine,
                  RelayCounters counters) {
        this.dataSource = dataSource;
        this.worker = worker;
        this.workerThread = workerThread;
        this.engine = engine;
        this.counters = counters;
    }

    /** Starts a relay on the system clock. */
    public static Relay start(RelaySettings settings) {
        return start(settings, Clock.systemUTC());
    }

    /**
     * Starts a relay whose retry schedule, sweep and queue times come from {@code clock}
     * (tests move it to simulate hours of outage).
     */
    public static Relay start(RelaySettings settings, Clock clock) {
        log.info("relay starting: {}", settings);
        HikariDataSource dataSource = dataSource(settings);
        try {
            migrate(dataSource);
            RelayCounters counters = new RelayCounters();
            QueueSignal enqueued = new QueueSignal();
            QueueSignal drained = new QueueSignal();
            CloudEventQueue queue = new CloudEventQueue(dataSource, clock, settings.stuckAfterAttempts());
            HttpEventSender sender = new HttpEventSender(settings.ingestUri(), settings.serverNodeId(),
                    EventSigner.withSecret(settings.serverApiKey()), settings.httpTimeout());
            BackoffPolicy backoff = new BackoffPolicy(settings.backoffBase(), settings.backoffCap(),
                    settings.backoffJitter(), () -> ThreadLocalRandom.current().nextDouble());
            DeliveryWorker worker = new DeliveryWorker(queue, sender, backoff, clock, settings.workerInterval(),
                    enqueued, drained, counters);
            Thread workerThread = new Thread(worker, "relay-delivery");
            workerThread.start();
            CdcEngine engine = CdcEngine.start(settings, queue, enqueued, drained, counters);
            log.info("relay started: slot {}, sending to {} as node {}", settings.slotName(), settings.ingestUri(),
                    settings.serverNodeId());
            return new Relay(dataSource, worker, workerThread, engine, counters);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /** Totals since start (deliveries, parks, retries, back-pressure). */
    public RelayCounters counters() {
        return counters;
    }

    /** The relay's connection pool to the NUC database. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Stops capture first (so nothing is half-queued), then delivery, then the pool. */
    @Override
    public void close() {
        engine.close();
        worker.stop();
        try {
            workerThread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dataSource.close();
        log.info("relay stopped");
    }

    static HikariDataSource dataSource(RelaySettings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.dbUrl());
        config.setUsername(settings.dbUser());
        config.setPassword(settings.dbPassword());
        config.setMaximumPoolSize(4);
        config.setPoolName("relay");
        return new HikariDataSource(config);
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/nuc")
                .load()
                .migrate();
    }
}
