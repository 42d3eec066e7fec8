package com.ordercontrol.relay.engine;

import com.ordercontrol.relay.config.RelaySettings;
import com.ordercontrol.relay.delivery.DirectDelivery;
import com.ordercontrol.relay.offsets.PostgresOffsetBackingStore;
import com.ordercontrol.relay.counters.RelayCounters;
import com.ordercontrol.relay.queue.CloudEventQueue;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Debezium PostgreSQL connector reading {@code outbox_event} through pgoutput and the
 * relay's publication, its offsets in the NUC database, feeding {@link OutboxChangeHandler}.
 * If the engine stops on an error (database restarted, slot dropped) it is started again after a
 * pause; meanwhile the queue keeps delivering and the sweep keeps reconciling.
 */
public final class CdcEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CdcEngine.class);
    private static final Duration RESTART_DELAY = Duration.ofSeconds(5);

    /** Debezium's topic prefix; outbox records arrive on {@code relay.public.outbox_event}. */
    static final String TOPIC_PREFIX = "relay";

    private static final String HEARTBEAT_QUERY = """
            insert into relay_heartbeat (heartbeat_id, beat_at) values (1, now())
            on conflict (heartbeat_id) do update set beat_at = excluded.beat_at""";

    private final RelaySettings settings;
    private final DataSource dataSource;
    private final OutboxChangeHandler handler;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "relay-cdc"));
    private final ScheduledExecutorService restarts =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "relay-cdc-restart"));
    private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private volatile boolean closed;

    private CdcEngine(RelaySettings settings, DataSource dataSource, OutboxChangeHandler handler) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.handler = handler;
    }

    /**
     * Builds and starts the engine on its own thread.
     *
     * @throws IllegalStateException when the configured publication does not exist (the relay never creates it)
     */
    public static CdcEngine start(RelaySettings settings, DataSource dataSource, CloudEventQueue queue,
                                  DirectDelivery direct, RelayCounters counters) {
        requirePublication(dataSource, settings.publicationName());
        OutboxChangeHandler handler = new OutboxChangeHandler(queue, direct, counters, Clock.systemUTC());
        CdcEngine cdc = new CdcEngine(settings, dataSource, handler);
        cdc.launch();
        return cdc;
    }

    private static void requirePublication(DataSource dataSource, String publication) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select 1 from pg_publication where pubname = ?")) {
            ps.setString(1, publication);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("RELAY_PUBLICATION_NAME: publication '" + publication
                            + "' does not exist. Migration V3 creates relay_outbox_publication; for another name run:"
                            + " create publication " + publication + " for table outbox_event, relay_heartbeat");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not check publication '" + publication + "'", e);
        }
    }

    private synchronized void launch() {
        if (closed) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            if (PostgresOffsetBackingStore.discardIfSlotLost(c, settings.slotName())) {
                log.warn("replication slot {} was lost or recreated: change capture restarts from a new position;"
                        + " the reconciliation sweep sends the events of the gap", settings.slotName());
            }
        } catch (SQLException e) {
            log.warn("could not check the replication slot, starting anyway: {}", e.toString());
        }
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(properties(settings))
                .notifying(handler)
                .using(this::stopped)
                .build();
        thread.execute(engine);
    }

    private void stopped(boolean success, String message, Throwable error) {
        if (closed) {
            log.info("change capture stopped");
            return;
        }
        log.error("change capture stopped unexpectedly ({}); restarting in {}", message, RESTART_DELAY, error);
        restarts.schedule(this::launch, RESTART_DELAY.toMillis(), TimeUnit.MILLISECONDS);
    }

    static Properties properties(RelaySettings s) {
        URI db = URI.create(s.dbUrl().substring("jdbc:".length()));
        Properties p = new Properties();
        p.setProperty("name", "cdc-relay");
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("topic.prefix", TOPIC_PREFIX);
        p.setProperty("database.hostname", db.getHost());
        p.setProperty("database.port", String.valueOf(db.getPort() < 0 ? 5432 : db.getPort()));
        p.setProperty("database.dbname", db.getPath().replaceFirst("^/", ""));
        p.setProperty("database.user", s.dbUser());
        p.setProperty("database.password", s.dbPassword());
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", s.slotName());
        p.setProperty("publication.name", s.publicationName());
        // The publication is DDL and lives in migration V3; the relay never alters it.
        p.setProperty("publication.autocreate.mode", "disabled");
        p.setProperty("table.include.list", "public.outbox_event,public.relay_heartbeat");
        // No snapshot: rows older than the slot (first start, recreated slot) are the reconciliation
        // sweep's job, which reads them in small capped batches instead of one long snapshot transaction.
        p.setProperty("snapshot.mode", "no_data");
        p.setProperty("poll.interval.ms", String.valueOf(s.pollInterval().toMillis()));
        p.setProperty("heartbeat.interval.ms", String.valueOf(s.heartbeatInterval().toMillis()));
        p.setProperty("heartbeat.action.query", HEARTBEAT_QUERY);
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty("offset.storage", PostgresOffsetBackingStore.class.getName());
        p.setProperty(PostgresOffsetBackingStore.URL, s.dbUrl());
        p.setProperty(PostgresOffsetBackingStore.USER, s.dbUser());
        p.setProperty(PostgresOffsetBackingStore.PASSWORD, s.dbPassword());
        p.setProperty("offset.flush.interval.ms", String.valueOf(s.offsetFlushInterval().toMillis()));
        // A NUC database restart must not end change capture for good.
        p.setProperty("errors.max.retries", "-1");
        p.setProperty("errors.retry.delay.initial.ms", "500");
        p.setProperty("errors.retry.delay.max.ms", "10000");
        // After a lost connection Debezium restarts the connector; 10 s by default, 3 s is enough here.
        p.setProperty("retriable.restart.connector.wait.ms", "3000");
        return p;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        restarts.shutdownNow();
        handler.stop();
        try {
            engine.close();
        } catch (IOException e) {
            log.warn("change capture did not close cleanly: {}", e.toString());
        }
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
