package com.ordercontrol.localstack;

import com.ordercontrol.infra.FreePort;
import com.ordercontrol.infra.KafkaBroker;
import com.ordercontrol.infra.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The whole pipeline on one machine: a PostgreSQL for the venue box and one for the cloud (both real,
 * logical decoding on), a real KRaft Kafka broker, and the three services as separate processes: the
 * ingest service, the reference POS API and the CDC relay.
 */
public final class LocalPipeline implements AutoCloseable {

    static final String POS_DATABASE = "pos";
    static final String CLOUD_DATABASE = "backoffice";
    /** How long a service may take to start: generous, a loaded 2-core box has needed over 3 minutes. */
    static final Duration STARTUP = Duration.ofSeconds(420);

    private final StackSettings settings;
    private final Servers given;
    private final List<AutoCloseable> started = new ArrayList<>();
    private String posJdbcUrl;
    private String cloudJdbcUrl;
    private String kafkaBootstrapServers;
    private ServiceProcess ingest;
    private ServiceProcess pos;
    private ServiceProcess relay;
    private final int ingestManagementPort;
    private final int posManagementPort;
    private final int relayManagementPort;

    /**
     * Servers started elsewhere (Testcontainers' PostgreSQL and Kafka, for example) for the services to
     * use instead of the embedded ones. Both databases must exist, have {@code wal_level=logical} and
     * accept the user {@link PostgresServer#USER} with an empty password, as the embedded server does.
     *
     * @param posJdbcUrl            the venue box's database
     * @param cloudJdbcUrl          the cloud's database
     * @param kafkaBootstrapServers the Kafka broker(s)
     * @param resources             closed when the pipeline closes, after the services have stopped
     */
    public record Servers(String posJdbcUrl, String cloudJdbcUrl, String kafkaBootstrapServers,
                          AutoCloseable resources) {
    }

    private LocalPipeline(StackSettings settings, Servers given) {
        this.settings = settings;
        this.given = given;
        if (given != null && given.resources() != null) {
            started.add(given.resources()); // closed last, after the services
        }
        // The documented ports (9080, 9081, 9082) with the dev defaults when free; any free port otherwise.
        boolean dev = settings.ingestPort() == 8080;
        this.ingestManagementPort = managementPort(dev, 9080);
        this.posManagementPort = managementPort(dev, 9081);
        this.relayManagementPort = managementPort(dev, 9082);
    }

    private static int managementPort(boolean preferred, int port) {
        return preferred && !Waits.portOpen(port) ? port : FreePort.pick();
    }

    /** Starts everything; on failure stops what was started and rethrows. */
    public static LocalPipeline start(StackSettings settings) {
        return start(settings, null);
    }

    /**
     * Starts the three services (from their runnable jars) on servers started elsewhere; on failure stops
     * what was started, the given servers included, and rethrows.
     */
    public static LocalPipeline start(StackSettings settings, Servers servers) {
        LocalPipeline pipeline = new LocalPipeline(settings, servers);
        try {
            pipeline.startAll();
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    private void startAll() {
        requirePortFree(settings.ingestPort(), "ingest service");
        requirePortFree(settings.posPort(), "POS API");
        StalePids.killLeftovers(settings.dataDir());
        if (given != null) {
            posJdbcUrl = given.posJdbcUrl();
            cloudJdbcUrl = given.cloudJdbcUrl();
            kafkaBootstrapServers = given.kafkaBootstrapServers();
        } else {
            PostgresServer posPostgres = track(
                    PostgresServer.startFresh(settings.dataDir().resolve("pos-postgres"), 0));
            posPostgres.createDatabase(POS_DATABASE);
            posJdbcUrl = posPostgres.jdbcUrl(POS_DATABASE);
            PostgresServer cloudPostgres = track(
                    PostgresServer.startFresh(settings.dataDir().resolve("cloud-postgres"), 0));
            cloudPostgres.createDatabase(CLOUD_DATABASE);
            cloudJdbcUrl = cloudPostgres.jdbcUrl(CLOUD_DATABASE);
            KafkaBroker kafka = track(KafkaBroker.startFresh(settings.dataDir().resolve("kafka"), 0));
            kafkaBootstrapServers = kafka.bootstrapServers();
        }

        ingest = track(ServiceProcess.start(ServiceSpecs.ingest(settings.home(), settings.ingestPort(),
                ingestManagementPort, cloudJdbcUrl(), kafkaBootstrapServers(), logFile("ingest"))));
        pos = track(ServiceProcess.start(ServiceSpecs.pos("pos", settings.home(), settings.posPort(),
                posManagementPort, posJdbcUrl(), settings.venueId(), logFile("pos"))));
        StalePids.record(settings.dataDir(), List.of(ingest, pos));
        Waits.listening(ingest, settings.ingestPort(), STARTUP);
        Waits.listening(pos, settings.posPort(), STARTUP);
        CloudRegistration.registerDevNode(this);

        relay = track(ServiceProcess.start(ServiceSpecs.relay("relay", settings.home(), settings.ingestUrl(),
                settings.nodeId(), settings.nodeSecret(), posJdbcUrl(), relayManagementPort, Map.of(),
                logFile("relay"))));
        StalePids.record(settings.dataDir(), List.of(ingest, pos, relay));
        Waits.slotActive(relay, posJdbcUrl(), PostgresServer.USER, STARTUP);
    }

    public StackSettings settings() {
        return settings;
    }

    public String posJdbcUrl() {
        return posJdbcUrl;
    }

    public String cloudJdbcUrl() {
        return cloudJdbcUrl;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** The ingest's management base URL: {@code /actuator/health}, {@code /actuator/prometheus}. */
    public String ingestManagementUrl() {
        return "http://127.0.0.1:" + ingestManagementPort;
    }

    /** The POS's management base URL: {@code /actuator/health}, {@code /actuator/prometheus}. */
    public String posManagementUrl() {
        return "http://127.0.0.1:" + posManagementPort;
    }

    /** The relay's management base URL: {@code /health}, {@code /prometheus}. */
    public String relayManagementUrl() {
        return "http://127.0.0.1:" + relayManagementPort;
    }

    public ServiceProcess relay() {
        return relay;
    }

    public ServiceProcess pos() {
        return pos;
    }

    public ServiceProcess ingest() {
        return ingest;
    }

    /** A connection to the venue box's database. */
    public Connection posConnection() throws SQLException {
        return DriverManager.getConnection(posJdbcUrl(), PostgresServer.USER, "");
    }

    /** A connection to the cloud's database. */
    public Connection cloudConnection() throws SQLException {
        return DriverManager.getConnection(cloudJdbcUrl(), PostgresServer.USER, "");
    }

    /** Where each service writes its log. */
    public Path logFile(String service) {
        return settings.dataDir().resolve("logs").resolve(service + ".log");
    }

    /** The services' process ids, for an operator who wants to look at them. */
    public String describeProcesses() {
        return List.of(ingest, pos, relay).stream()
                .map(p -> p.name() + " pid " + p.pid() + " log " + p.logFile())
                .collect(Collectors.joining("\n"));
    }





    private static void requirePortFree(int port, String what) {
        if (Waits.portOpen(port)) {
            throw new IllegalStateException("port " + port + " (" + what + ") is already in use; stop what holds it"
                    + " (for example: fuser -k " + port + "/tcp) or choose other ports");
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.add(resource);
        return resource;
    }

    /** Stops the services first (the relay before its database), then the servers. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e.getMessage());
            }
        }
        started.clear();
        try {
            Files.deleteIfExists(StalePids.file(settings.dataDir()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
