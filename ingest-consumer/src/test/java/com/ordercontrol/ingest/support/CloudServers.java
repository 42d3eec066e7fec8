package com.ordercontrol.ingest.support;

import com.ordercontrol.infra.KafkaBroker;
import com.ordercontrol.infra.PostgresServer;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real PostgreSQL and one real KRaft broker for all integration tests of this module (Failsafe runs
 * them in one JVM), started on first use with data under {@code target/} and stopped at JVM exit. Each
 * test class gets its own database, topic and consumer group, so classes do not see each other's data.
 */
public final class CloudServers {

    private static PostgresServer postgres;
    private static KafkaBroker kafka;

    private CloudServers() {
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = PostgresServer.startFresh(Path.of("target", "it-postgres"), 0);
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
        }
        return postgres;
    }

    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            kafka = KafkaBroker.startFresh(Path.of("target", "it-kafka"), 0);
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
        }
        return kafka;
    }

    /** Plain connections to database {@code name} whose unqualified tables are in {@code schema} (a replay's). */
    public static javax.sql.DataSource inSchema(String name, String schema) {
        org.springframework.jdbc.datasource.SimpleDriverDataSource ds =
                new org.springframework.jdbc.datasource.SimpleDriverDataSource(new org.postgresql.Driver(),
                        postgres().jdbcUrl(name));
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", PostgresServer.USER);
        props.setProperty("password", "");
        props.setProperty("currentSchema", schema);
        ds.setConnectionProperties(props);
        return ds;
    }

    /** Properties for an application under test: database {@code name}, topic {@code name-events}. */
    public static void register(DynamicPropertyRegistry registry, String name) {
        String url = postgres().createDatabase(name);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> PostgresServer.USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.kafka.bootstrap-servers", () -> kafka().bootstrapServers());
        registry.add("ingest.topic", () -> name + "-events");
        registry.add("ingest.consumer-group", () -> name + "-facts");
        registry.add("ingest.retry-backoff", () -> "500ms");
        registry.add("ingest.cap-replication-to-cluster", () -> "true"); // one test broker
    }
}
