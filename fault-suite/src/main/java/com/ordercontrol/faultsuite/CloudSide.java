package com.ordercontrol.faultsuite;

import com.ordercontrol.infra.FreePort;
import com.ordercontrol.infra.PostgresServer;
import com.ordercontrol.localstack.ServiceProcess;
import com.ordercontrol.localstack.ServiceSpecs;
import com.ordercontrol.localstack.Waits;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * The cloud as separate processes: its PostgreSQL, a Kafka broker and the ingest service. Each can be
 * killed with SIGKILL and started again on its own data and ports.
 */
final class CloudSide implements AutoCloseable {

    static final String DATABASE = "backoffice";
    /**
     * How long a (re)started service may take to listen. Generous: on a loaded 2-core machine a Spring
     * Boot restart was seen to take over 3 minutes; a stuck start still fails the run.
     */
    static final Duration START_LIMIT = Duration.ofSeconds(360);
    /** The cloud calls a node silent after this (its default is 180 s; the relays here report every second). */
    static final Duration SILENT_AFTER = Duration.ofSeconds(8);

    private final Path home;
    private final Path dir;
    private final int dbPort = FreePort.pick();
    private final int kafkaPort = FreePort.pick();
    private final int controllerPort = FreePort.pick();
    private final int ingestPort = FreePort.pick();
    private PostgresServer db;
    private ServiceProcess kafka;
    private ServiceProcess ingest;

    CloudSide(Path home, Path dir) {
        this.home = home;
        this.dir = dir;
    }

    void start() throws IOException {
        db = PostgresServer.startFresh(dir.resolve("postgres"), dbPort);
        // The broker starts fresh with the database: an interrupted earlier run's unconsumed records and the
        // consumer group's offsets would otherwise flow into this run's new fact tables. (Not in the spec
        // itself: a Kafka-kill fault restarts the same spec and must keep the topic.)
        PostgresServer.deleteRecursively(dir.resolve("kafka"));
        db.createDatabase(DATABASE);
        kafka = ServiceProcess.start(ServiceSpecs.kafka(home, dir.resolve("kafka"), kafkaPort, controllerPort,
                dir.resolve("logs/kafka.log")));
        Waits.listening(kafka, kafkaPort, START_LIMIT);
        ingest = ServiceProcess.start(ServiceSpecs.ingest(home, ingestPort, FreePort.pick(), jdbcUrl(),
                bootstrapServers(), List.of("--ingest.health.silent-after=" + SILENT_AFTER.toSeconds() + "s"),
                dir.resolve("logs/ingest.log")));
        Waits.listening(ingest, ingestPort, START_LIMIT);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + dbPort + "/" + DATABASE;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    int ingestPort() {
        return ingestPort;
    }

    String ingestUrl() {
        return "http://127.0.0.1:" + ingestPort;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), PostgresServer.USER, "");
    }

    ServiceProcess ingest() {
        return ingest;
    }

    ServiceProcess kafka() {
        return kafka;
    }

    void killDatabase() {
        db.killHard();
    }

    void startDatabase() {
        db = PostgresServer.startExisting(dir.resolve("postgres"), dbPort);
    }

    void killKafka() {
        kafka.kill();
    }

    void startKafka() {
        kafka = kafka.restart();
        Waits.listening(kafka, kafkaPort, START_LIMIT);
    }

    void killIngest() {
        ingest.kill();
    }

    void startIngest() {
        ingest = ingest.restart();
        Waits.listening(ingest, ingestPort, START_LIMIT);
    }

    /** Restarts a service that exited on its own (as systemd's Restart=always would); true if it did. */
    boolean reviveExited() {
        boolean revived = false;
        if (!kafka.isAlive()) {
            startKafka();
            revived = true;
        }
        if (!ingest.isAlive()) {
            startIngest();
            revived = true;
        }
        return revived;
    }

    @Override
    public void close() {
        if (ingest != null) {
            ingest.resume();
            ingest.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (db != null) {
            db.close();
        }
    }
}
