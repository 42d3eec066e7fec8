package com.ordercontrol.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercontrol.infra.FreePort;
import com.ordercontrol.infra.PostgresServer;
import com.ordercontrol.localstack.PosClient.Tender;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 item 3 on the real parts: the cloud's Kafka goes away, so the real ingest answers the relay's
 * deliveries with 503 and {@code Retry-After: 5}. The relay's own schedule is set to 10 minutes here, so
 * the only way the payments reach the facts within the test's bound after Kafka is back is the relay
 * coming back when the ingest told it to. Nothing is lost, parked or doubled.
 */
class RelayHonoursRetryAfterIT {

    static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    static final Path DATA = Path.of("target", "relay-retry-after").toAbsolutePath();
    static final int ORDERS_DURING_OUTAGE = 3;
    /** Far longer than the test waits: without Retry-After the relay would sit out this whole backoff. */
    static final String OWN_BACKOFF = "10m";

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aKafkaOutageAnsweredWithRetryAfterCostsSecondsNotTheBackoff() throws Exception {
        PostgresServer pos = PostgresServer.startFresh(DATA.resolve("pos-postgres"), 0);
        PostgresServer cloud = PostgresServer.startFresh(DATA.resolve("cloud-postgres"), 0);
        int kafkaPort = FreePort.pick();
        PostgresServer.deleteRecursively(DATA.resolve("kafka")); // a restart below must keep its data, so not "fresh"
        AtomicReference<ServiceProcess> kafka = new AtomicReference<>(ServiceProcess.start(ServiceSpecs.kafka(HOME,
                DATA.resolve("kafka"), kafkaPort, FreePort.pick(), DATA.resolve("kafka.log"))));
        ServiceProcess relay = null;
        StackSettings settings = StackSettings.devDefaults(HOME, DATA).withPorts(FreePort.pick(), FreePort.pick());
        try (AutoCloseable servers = () -> closeAll(kafka.get(), pos, cloud)) {
            Waits.listening(kafka.get(), kafkaPort, LocalPipeline.STARTUP);
            LocalPipeline.Servers given = new LocalPipeline.Servers(pos.createDatabase("pos"),
                    cloud.createDatabase("backoffice"), "127.0.0.1:" + kafkaPort, null);
            try (LocalPipeline pipeline = LocalPipeline.start(settings, given)) {
                relay = withOwnBackoff(pipeline);
                PosClient till = new PosClient(settings.posUrl());
                pay(till);
                await().atMost(Duration.ofMinutes(2)).until(() -> facts(pipeline) == 1);

                kafka.get().kill();
                for (int i = 0; i < ORDERS_DURING_OUTAGE; i++) {
                    pay(till);
                }
                // The ingest cannot store them: it answers 503 kafka with Retry-After, and the relay takes it.
                ServiceProcess running = relay;
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                        .until(() -> metric(running, "relay_retry_after_honoured_total") >= 1);
                assertThat(facts(pipeline)).isEqualTo(1);

                kafka.set(kafka.get().restart());
                long back = System.nanoTime();
                Waits.listening(kafka.get(), kafkaPort, LocalPipeline.STARTUP);
                // Retry-After is 5 s; the relay's own schedule would wait 10 minutes.
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                        .until(() -> facts(pipeline) == 1 + ORDERS_DURING_OUTAGE);
                System.out.printf("Kafka back: every payment a fact %.1f s later (relay backoff %s, Retry-After 5 s)%n",
                        (System.nanoTime() - back) / 1e9, OWN_BACKOFF);

                assertThat(distinctFacts(pipeline)).isEqualTo(1 + ORDERS_DURING_OUTAGE);
                try (Connection c = pipeline.posConnection(); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("select count(*) from cloud_event_queue where status = 'parked'")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("parked events").isZero();
                }
                assertThat(metric(relay, "relay_retry_after_honoured_total")).isGreaterThanOrEqualTo(1);
            } finally {
                if (relay != null) {
                    relay.close();
                }
            }
        }
    }

    /** Replaces the pipeline's relay by one whose own retry schedule starts at {@link #OWN_BACKOFF}. */
    private static ServiceProcess withOwnBackoff(LocalPipeline pipeline) {
        ServiceProcess.Spec spec = pipeline.relay().spec();
        pipeline.relay().kill();
        Map<String, String> env = new HashMap<>(spec.environment());
        env.put("RELAY_BACKOFF_BASE", OWN_BACKOFF);
        env.put("RELAY_BACKOFF_CAP", "1h");
        ServiceProcess relay = ServiceProcess.start(spec.withEnvironment(env));
        Waits.slotActive(relay, pipeline.posJdbcUrl(), PostgresServer.USER, LocalPipeline.STARTUP);
        return relay;
    }

    private static void pay(PosClient till) throws Exception {
        till.pay(till.createOrder(new BigDecimal("20.00")),
                List.of(new Tender("card", new BigDecimal("20.00"), new BigDecimal("2.00"))));
    }

    private static long facts(LocalPipeline pipeline) throws SQLException {
        return count(pipeline, "select count(*) from payment_facts");
    }

    private static long distinctFacts(LocalPipeline pipeline) throws SQLException {
        return count(pipeline, "select count(distinct payment_id) from payment_facts");
    }

    private static long count(LocalPipeline pipeline, String sql) throws SQLException {
        try (Connection c = pipeline.cloudConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A counter from the relay's {@code /prometheus} (0 when absent). */
    private double metric(ServiceProcess relay, String name) throws Exception {
        String port = relay.spec().environment().get("RELAY_MANAGEMENT_PORT");
        String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([0-9.eE+]+)$").matcher(body);
        return m.find() ? Double.parseDouble(m.group(2)) : 0;
    }

    private static void closeAll(ServiceProcess kafka, PostgresServer pos, PostgresServer cloud) {
        kafka.close();
        pos.close();
        cloud.close();
    }
}
