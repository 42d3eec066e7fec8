package com.ordercontrol.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercontrol.contract.EventSigner;
import com.ordercontrol.contract.WireHeaders;
import com.ordercontrol.infra.FreePort;
import com.ordercontrol.infra.PostgresServer;
import com.ordercontrol.localstack.PosClient.PaidOrder;
import com.ordercontrol.localstack.PosClient.Tender;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shipped artifacts themselves: each service runs as {@code java -jar <module>-<version>-exec.jar}
 * (the file {@code mvn package} builds and the Dockerfiles copy), with nothing else on its class path,
 * against real PostgreSQL and Kafka servers. Each jar must serve: the ingest accepts a signed event and
 * runs its {@code admin} command, the POS takes a payment, the relay delivers it to the cloud.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunnableJarsIT {

    private LocalPipeline pipeline;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startPipelineFromJars() {
        Path home = Path.of("..").toAbsolutePath().normalize();
        StackSettings settings = StackSettings.devDefaults(home, Path.of("target/jars-it").toAbsolutePath())
                .withPorts(FreePort.pick(), FreePort.pick());
        pipeline = LocalPipeline.start(settings);
    }

    @AfterAll
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void everyServiceRunsFromItsOwnRunnableJar() {
        for (ServiceProcess service : List.of(pipeline.ingest(), pipeline.pos(), pipeline.relay())) {
            String module = service.spec().module();
            List<String> args = List.of(ProcessHandle.of(service.pid()).orElseThrow().info().arguments()
                    .orElseThrow());
            int jar = args.indexOf("-jar");
            assertThat(jar).as("%s started with java -jar", module).isNotNegative();
            assertThat(Path.of(args.get(jar + 1)).getFileName().toString())
                    .startsWith(module + "-").endsWith("-exec.jar");
            assertThat(args).as("%s has no class path of its own", module).doesNotContain("-cp", "-classpath");
        }
    }

    @Test
    void theIngestJarAcceptsASignedEvent() throws Exception {
        String eventId = postSignedEvent();
        await().atMost(Duration.ofSeconds(180)).until(() -> cloudCount("events", eventId) == 1);
    }

    @Test
    void everyJarReportsHealthUpOnItsManagementPort() {
        await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> {
            HttpResponse<String> ingest = get(pipeline.ingestManagementUrl() + "/actuator/health/readiness");
            assertThat(ingest.statusCode()).as(ingest.body()).isEqualTo(200);
            assertThat(ingest.body()).contains("\"status\":\"UP\"", "\"db\"", "\"kafka\"");
            HttpResponse<String> pos = get(pipeline.posManagementUrl() + "/actuator/health/readiness");
            assertThat(pos.statusCode()).as(pos.body()).isEqualTo(200);
            assertThat(pos.body()).contains("\"status\":\"UP\"", "\"db\"");
            HttpResponse<String> relay = get(pipeline.relayManagementUrl() + "/health");
            assertThat(relay.statusCode()).as(relay.body()).isEqualTo(200);
            assertThat(relay.body()).contains("\"status\":\"UP\"", "\"active\":true");
        });
        assertThat(get(pipeline.ingestManagementUrl() + "/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(get(pipeline.posManagementUrl() + "/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void theIngestServesItsMetricsOnlyOnTheManagementPort() throws Exception {
        String eventId = postSignedEvent();
        await().atMost(Duration.ofSeconds(180)).until(() -> cloudCount("payment_facts", eventId) == 1);
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            String metrics = get(pipeline.ingestManagementUrl() + "/actuator/prometheus").body();
            assertThat(metrics).contains("ingest_events_accepted_total", "ingest_facts_written_total",
                    "ingest_produce_seconds_count", "kafka_consumer_fetch_manager_records_lag");
        });
        assertThat(get(pipeline.settings().ingestUrl() + "/api/ops/counters").statusCode())
                .as("no unauthenticated counters on the public port").isEqualTo(404);
        assertThat(get(pipeline.settings().ingestUrl() + "/actuator/prometheus").statusCode()).isEqualTo(404);
    }

    @Test
    void theIngestAndThePosDescribeTheirHttpApisInOpenApi() {
        // The first request builds the document (slow on a loaded box): generous per-request timeout in get().
        HttpResponse<String> ingest = get(pipeline.settings().ingestUrl() + "/v3/api-docs");
        assertThat(ingest.statusCode()).as(ingest.body()).isEqualTo(200);
        assertThat(ingest.body()).contains("\"openapi\"", "/api/events/ingest",
                "/api/reports/daily-totals");
        HttpResponse<String> pos = get(pipeline.settings().posUrl() + "/v3/api-docs");
        assertThat(pos.statusCode()).as(pos.body()).isEqualTo(200);
        assertThat(pos.body()).contains("\"openapi\"", "/api/orders", "/api/orders/{orderId}/pay");
        assertThat(get(pipeline.settings().posUrl() + "/swagger-ui/index.html").statusCode()).isEqualTo(200);
    }

    @Test
    void theRelayServesQueueDepthAndSlotLag() {
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            HttpResponse<String> response = get(pipeline.relayManagementUrl() + "/prometheus");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).containsPattern("(?m)^relay_queue_depth\\{.*\\} \\d")
                    .containsPattern("(?m)^relay_slot_lag_bytes\\{.*\\} \\d")
                    .contains("relay_queue_oldest_pending_age_seconds", "relay_deliveries_total",
                            "relay_delivery_failures_total", "relay_backpressure", "relay_clock_skew_seconds");
        });
    }

    private String postSignedEvent() throws Exception {
        String eventId = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        byte[] body = ("{\"eventId\":\"" + eventId + "\",\"eventType\":\"order_paid\",\"venueId\":\""
                + pipeline.settings().venueId() + "\",\"occurredAt\":\"" + now + "\",\"payload\":{\"orderId\":\"o-"
                + eventId + "\",\"orderNumber\":7,\"currency\":\"USD\",\"total\":\"5.00\",\"payments\":[{"
                + "\"paymentId\":\"" + UUID.randomUUID() + "\",\"method\":\"cash\",\"amount\":\"5.00\",\"tip\":\"0\","
                + "\"paidAt\":\"" + now + "\"}]}}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(pipeline.settings().ingestUrl() + WireHeaders.INGEST_PATH))
                .header("Content-Type", "application/json")
                .header(WireHeaders.NODE_ID, pipeline.settings().nodeId())
                .header(WireHeaders.SIGNATURE,
                        EventSigner.withSecret(pipeline.settings().nodeSecret()).signatureHeader(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return eventId;
    }

    private HttpResponse<String> get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(90)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void thePosJarTakesAPaymentAndTheRelayJarDeliversIt() throws Exception {
        PosClient pos = new PosClient(pipeline.settings().posUrl());
        BigDecimal total = new BigDecimal("18.40");
        PaidOrder paid = pos.pay(pos.createOrder(total), List.of(new Tender("card", total, new BigDecimal("2.00"))));
        assertThat(paid.eventId()).isNotBlank();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100))
                .until(() -> cloudCount("events", paid.eventId()) == 1);
        await("the relay recorded its delivery").atMost(Duration.ofSeconds(120))
                .until(() -> delivered(paid.eventId()));
    }

    private boolean delivered(String eventId) throws SQLException {
        try (Connection c = pipeline.posConnection();
             PreparedStatement s = c.prepareStatement(
                     "select count(*) from relay_delivered_event where event_id = ?::uuid")) {
            s.setString(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    @Test
    void theIngestJarRunsItsAdminCommand() throws Exception {
        String list = admin(0, "list");
        assertThat(list).contains(pipeline.settings().nodeId()).doesNotContain("NoClassDefFoundError");
        // What the compose stack's one-shot admin service runs: a given finance token, twice (idempotent).
        admin(0, "issue-token", "jars-it-finance", pipeline.settings().venueId(), "--token=jars-it-finance-token");
        admin(0, "issue-token", "jars-it-finance", pipeline.settings().venueId(), "--token=jars-it-finance-token");
        HttpResponse<String> report = http.send(HttpRequest.newBuilder(URI.create(pipeline.settings().ingestUrl()
                        + "/api/reports/daily-totals?venueId=" + pipeline.settings().venueId() + "&date=2026-01-01"))
                .header("Authorization", "Bearer jars-it-finance-token").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
    }

    private String admin(int expectedStatus, String... command) throws Exception {
        Path jar = ServiceProcess.runnableJar(pipeline.settings().home(), "ingest-consumer");
        List<String> args = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-jar", jar.toString(), "admin"));
        args.addAll(List.of(command));
        args.addAll(List.of("--spring.datasource.url=" + pipeline.cloudJdbcUrl(),
                "--spring.datasource.username=" + PostgresServer.USER, "--spring.datasource.password="));
        Process admin = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(admin.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(admin.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(admin.exitValue()).as(output).isEqualTo(expectedStatus);
        return output;
    }

    private int cloudCount(String table, String eventId) throws SQLException {
        try (Connection c = pipeline.cloudConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from " + table + " where event_id::text = ?")) {
            s.setString(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
