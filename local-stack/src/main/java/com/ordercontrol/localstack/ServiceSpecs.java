package com.ordercontrol.localstack;

import com.ordercontrol.infra.FreePort;
import com.ordercontrol.infra.PostgresServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How each service of the pipeline is started as its own process: its runnable jar, heap, settings. */
public final class ServiceSpecs {

    /** The relay's replication slot (its default {@code RELAY_SLOT_NAME}). */
    public static final String RELAY_SLOT = "ordercontrol_relay";

    /**
     * The relay's JVM settings for a small venue box, as documented in relay-operations.md and used by
     * its Dockerfile: {@code -Xmx} {@value #RELAY_MAX_HEAP}, the serial collector, a heap that starts at
     * what a drain needs (it grows from there only if it must; from 16 MB it grew through full collections
     * of 120-170 ms), the C1 compiler only (C2 spent more CPU compiling than a relay at venue rates ever
     * wins back) and two malloc arenas ({@link #RELAY_NATIVE_ENVIRONMENT}).
     */
    public static final String RELAY_MAX_HEAP = "128m";
    public static final List<String> RELAY_JVM_OPTIONS = List.of("-Xms48m", "-XX:TieredStopAtLevel=1");
    /** glibc's default of 8 arenas per core holds native memory the relay's few threads never reuse. */
    public static final Map<String, String> RELAY_NATIVE_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    private ServiceSpecs() {
    }

    /** The cloud's ingest service, its management port (health, metrics) on any free port. */
    public static ServiceProcess.Spec ingest(Path home, int port, String cloudJdbcUrl, String kafkaBootstrap,
                                             Path logFile) {
        return ingest(home, port, FreePort.pick(), cloudJdbcUrl, kafkaBootstrap, logFile);
    }

    /** The cloud's ingest service; health and metrics on {@code managementPort}. */
    public static ServiceProcess.Spec ingest(Path home, int port, int managementPort, String cloudJdbcUrl,
                                             String kafkaBootstrap, Path logFile) {
        return ingest(home, port, managementPort, cloudJdbcUrl, kafkaBootstrap, List.of(), logFile);
    }

    /**
     * The cloud's ingest service with more {@code --name=value} settings (the fault suite shortens
     * {@code ingest.health.silent-after}, for example).
     */
    public static ServiceProcess.Spec ingest(Path home, int port, int managementPort, String cloudJdbcUrl,
                                             String kafkaBootstrap, List<String> settings, Path logFile) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--management.server.port=" + managementPort,
                "--spring.datasource.url=" + cloudJdbcUrl,
                "--spring.datasource.username=" + PostgresServer.USER,
                "--spring.datasource.password=",
                "--spring.kafka.bootstrap-servers=" + kafkaBootstrap,
                // One development broker: the topic is created with replication 1 (off by default).
                "--ingest.cap-replication-to-cluster=true"));
        arguments.addAll(settings);
        return new ServiceProcess.Spec("ingest", home, "ingest-consumer", null, "384m", Map.of(), List.copyOf(arguments),
                logFile);
    }

    /** A venue's reference POS API, its management port on any free port. */
    public static ServiceProcess.Spec pos(String name, Path home, int port, String posJdbcUrl, String venueId,
                                          Path logFile) {
        return pos(name, home, port, FreePort.pick(), posJdbcUrl, venueId, logFile);
    }

    /** A venue's reference POS API; health and metrics on {@code managementPort}. */
    public static ServiceProcess.Spec pos(String name, Path home, int port, int managementPort, String posJdbcUrl,
                                          String venueId, Path logFile) {
        return new ServiceProcess.Spec(name, home, "pos-outbox", null, "256m",
                Map.of(), List.of(
                        "--server.port=" + port,
                        "--management.server.port=" + managementPort,
                        "--spring.datasource.url=" + posJdbcUrl,
                        "--spring.datasource.username=" + PostgresServer.USER,
                        "--spring.datasource.password=",
                        "--pos.venue-id=" + venueId),
                logFile);
    }

    /**
     * A venue's relay, configured by the seed's variables; {@code tuning} adds or overrides
     * {@code RELAY_*} settings (the fault suite shortens the backoff, for example).
     */
    public static ServiceProcess.Spec relay(String name, Path home, String backofficeUrl, String nodeId,
                                            String secret, String posJdbcUrl, Map<String, String> tuning,
                                            Path logFile) {
        return relay(name, home, backofficeUrl, nodeId, secret, posJdbcUrl, FreePort.pick(), tuning, logFile);
    }

    /** A venue's relay with its management port ({@code /health}, {@code /prometheus}) on {@code managementPort}. */
    public static ServiceProcess.Spec relay(String name, Path home, String backofficeUrl, String nodeId,
                                            String secret, String posJdbcUrl, int managementPort,
                                            Map<String, String> tuning, Path logFile) {
        Map<String, String> env = new HashMap<>(RELAY_NATIVE_ENVIRONMENT);
        env.put("RELAY_MANAGEMENT_PORT", Integer.toString(managementPort));
        env.put("RELAY_MANAGEMENT_ADDRESS", "127.0.0.1");
        env.put("BACKOFFICE_API_URL", backofficeUrl);
        env.put("SERVER_API_KEY", secret);
        env.put("SERVER_NODE_ID", nodeId);
        env.put("RELAY_DB_URL", posJdbcUrl);
        env.put("RELAY_DB_USER", PostgresServer.USER);
        env.put("RELAY_DB_PASSWORD", "");
        env.putAll(tuning);
        return new ServiceProcess.Spec(name, home, "cdc-relay", null, RELAY_MAX_HEAP, RELAY_JVM_OPTIONS,
                Map.copyOf(env), List.of(), logFile);
    }

    /** The Kafka broker as its own process, so it can be killed and started again on the same data. */
    public static ServiceProcess.Spec kafka(Path home, Path logDir, int port, int controllerPort, Path logFile) {
        return new ServiceProcess.Spec("kafka", home, "embedded-infra", "com.ordercontrol.infra.KafkaBrokerMain",
                "512m", Map.of(), List.of(logDir.toString(), Integer.toString(port), Integer.toString(controllerPort)),
                logFile);
    }
}
