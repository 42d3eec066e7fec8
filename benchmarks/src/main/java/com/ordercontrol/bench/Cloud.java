package com.ordercontrol.bench;

import com.ordercontrol.infra.FreePort;
import com.ordercontrol.infra.PostgresServer;
import com.ordercontrol.localstack.ServiceProcess;
import com.ordercontrol.localstack.ServiceSpecs;
import com.ordercontrol.localstack.Waits;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The cloud a benchmark talks to: either started here (a fresh PostgreSQL, a Kafka broker and the
 * ingest service, each its own process, as in production) or an existing one given by URL.
 */
final class Cloud implements AutoCloseable {

    static final String DATABASE = "backoffice";

    private final String ingestUrl;
    private final String jdbcUrl;
    private final String jdbcUser;
    private final String jdbcPassword;
    private final List<AutoCloseable> started;
    private final ServiceProcess ingest;

    private Cloud(String ingestUrl, String jdbcUrl, String jdbcUser, String jdbcPassword, List<AutoCloseable> started,
                  ServiceProcess ingest) {
        this.ingestUrl = ingestUrl;
        this.jdbcUrl = jdbcUrl;
        this.jdbcUser = jdbcUser;
        this.jdbcPassword = jdbcPassword;
        this.started = started;
        this.ingest = ingest;
    }

    /** An ingest already running (its database is needed for registering nodes and checking facts). */
    static Cloud existing(String ingestUrl, String jdbcUrl, String user, String password) {
        return new Cloud(ingestUrl, jdbcUrl, user, password, List.of(), null);
    }

    /** Starts PostgreSQL, Kafka and the ingest service under {@code dir}; {@code ingestArgs} are extra Spring options. */
    static Cloud start(Path home, Path dir, List<String> ingestArgs) {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            PostgresServer db = PostgresServer.startFresh(dir.resolve("cloud-postgres"), 0);
            started.add(db);
            String jdbc = db.createDatabase(DATABASE);
            int kafkaPort = FreePort.pick();
            ServiceProcess.Spec kafkaSpec = ServiceSpecs.kafka(home, dir.resolve("kafka"), kafkaPort, FreePort.pick(),
                    dir.resolve("logs/kafka.log"));
            // "fresh": a topic left by an earlier run would be consumed again into the new database.
            List<String> kafkaArgs = new ArrayList<>(kafkaSpec.arguments());
            kafkaArgs.add("fresh");
            ServiceProcess kafka = ServiceProcess.start(kafkaSpec.withArguments(kafkaArgs));
            started.add(kafka);
            Waits.listening(kafka, kafkaPort, Duration.ofSeconds(120));
            int port = FreePort.pick();
            ServiceProcess.Spec spec = ServiceSpecs.ingest(home, port, jdbc, "127.0.0.1:" + kafkaPort,
                    dir.resolve("logs/ingest.log"));
            List<String> args = new ArrayList<>(spec.arguments());
            args.addAll(ingestArgs);
            ServiceProcess ingest = ServiceProcess.start(spec.withArguments(args)
                    .withMaxHeap(System.getenv().getOrDefault("INGEST_HEAP", spec.maxHeap())));
            started.add(ingest);
            Waits.listening(ingest, port, Duration.ofSeconds(180));
            return new Cloud("http://127.0.0.1:" + port, jdbc, PostgresServer.USER, "", started, ingest);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    String ingestUrl() {
        return ingestUrl;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    String jdbcUser() {
        return jdbcUser;
    }

    String jdbcPassword() {
        return jdbcPassword;
    }

    /** The ingest process when started here, else null. */
    ServiceProcess ingest() {
        return ingest;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, jdbcUser, jdbcPassword);
    }

    private static void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        closeAll(started);
    }
}
