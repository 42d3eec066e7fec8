package com.ordercontrol.localstack;

import com.ordercontrol.infra.PostgresServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * {@link PipelineEndToEndIT}'s tests (POS takes payments, the relay delivers them, the ingest writes
 * {@code payment_facts}, the finance report adds up) with the same three services from their runnable
 * jars, on Testcontainers' servers instead of the embedded ones: two {@code postgres:17} containers with
 * {@code wal_level=logical} (venue box and cloud) and an {@code apache/kafka:4.3.0} KRaft broker.
 *
 * <p>Runs only with {@code -Ptestcontainers} (the default build excludes it) and only where a Docker daemon
 * answers; elsewhere it is reported as skipped with the reason.
 */
@ExtendWith(TestcontainersPipelineIT.DockerAvailable.class)
class TestcontainersPipelineIT extends PipelineEndToEndIT {

    static final String POSTGRES_IMAGE = "postgres:17";
    static final String KAFKA_IMAGE = "apache/kafka:4.3.0";
    /** Set by the {@code testcontainers} Maven profile. */
    static final String ENABLED_PROPERTY = "pipeline.testcontainers";

    @Override
    Path dataDir() {
        return Path.of("target/testcontainers-e2e").toAbsolutePath();
    }

    @Override
    LocalPipeline start(StackSettings settings) {
        List<AutoCloseable> containers = new ArrayList<>();
        AutoCloseable stopAll = () -> {
            for (int i = containers.size() - 1; i >= 0; i--) {
                containers.get(i).close();
            }
        };
        try {
            PostgreSQLContainer pos = postgres(LocalPipeline.POS_DATABASE);
            containers.add(pos);
            PostgreSQLContainer cloud = postgres(LocalPipeline.CLOUD_DATABASE);
            containers.add(cloud);
            KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE));
            containers.add(kafka);
            pos.start();
            cloud.start();
            kafka.start();
            return LocalPipeline.start(settings, new LocalPipeline.Servers(jdbcUrl(pos), jdbcUrl(cloud),
                    kafka.getBootstrapServers(), stopAll));
        } catch (RuntimeException e) {
            try {
                stopAll.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * PostgreSQL 17 for logical decoding, reachable as the embedded server is (user {@code postgres}, no
     * password needed: trust authentication, a throwaway test container), so the services' specs are reused.
     */
    private static PostgreSQLContainer postgres(String database) {
        return new PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE))
                .withDatabaseName(database)
                .withUsername(PostgresServer.USER)
                .withPassword("unused-trust-auth")
                .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
                .withCommand("postgres", "-c", "wal_level=logical", "-c", "max_replication_slots=16",
                        "-c", "max_wal_senders=16", "-c", "synchronous_commit=on", "-c", "max_connections=200");
    }

    /** A plain URL (no driver parameters): the relay hands it to Debezium as well. */
    private static String jdbcUrl(PostgreSQLContainer container) {
        return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/"
                + container.getDatabaseName();
    }

    /** Skips the class, with the reason, unless the profile is on and a Docker daemon answers. */
    static final class DockerAvailable implements ExecutionCondition {

        static final String NO_DOCKER = "no Docker daemon: skipped; the default suite uses embedded PostgreSQL"
                + " and Kafka";

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (!Boolean.getBoolean(ENABLED_PROPERTY)) {
                return ConditionEvaluationResult.disabled("Testcontainers ITs run only with -Ptestcontainers;"
                        + " the default suite uses embedded PostgreSQL and Kafka");
            }
            boolean docker;
            try {
                docker = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                docker = false;
            }
            if (!docker) {
                System.err.println(TestcontainersPipelineIT.class.getSimpleName() + ": " + NO_DOCKER);
                return ConditionEvaluationResult.disabled(NO_DOCKER);
            }
            return ConditionEvaluationResult.enabled("Docker daemon found: running on " + POSTGRES_IMAGE + " and "
                    + KAFKA_IMAGE);
        }
    }
}
