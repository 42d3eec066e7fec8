package com.ordercontrol.ingest.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercontrol.contract.ContractJson;
import com.ordercontrol.infra.PostgresServer;
import com.ordercontrol.ingest.IngestApplication;
import com.ordercontrol.ingest.registry.NodeRegistry;
import com.ordercontrol.ingest.reports.ReportTokens;
import com.ordercontrol.ingest.support.CloudServers;
import com.ordercontrol.ingest.support.IngestClient;
import com.ordercontrol.ingest.support.WebhookHeaders;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 12 item 3, the cloud side: {@code POST /api/nodes/{nodeId}/health} authenticated like an event
 * delivery and read strictly, the last report kept per node, {@code GET /api/health/venues} with the
 * silent flag (threshold 3 s here), and the {@code ingest_nodes_silent} gauge on the management port.
 * The service runs as the application itself (not a test context, whose metrics export is off).
 * The first test starts from no report at all, so the order is fixed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeHealthIT {

    static final String TOKEN = "health-it-token-0123456789";
    static final String REPORT = """
            {"reportedAt":"2026-11-29T12:00:00Z","relayVersion":"0.1.0-SNAPSHOT","queueDepth":12,\
            "oldestPendingAgeSeconds":3.2,"backPressure":false,"slotLagBytes":12345,"clockSkewMillis":-20,"parked":0}""";

    static ConfigurableApplicationContext app;
    static IngestClient client;
    static IngestClient management;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        String url = CloudServers.postgres().createDatabase("node_health_it");
        app = new SpringApplicationBuilder(IngestApplication.class).run("--server.port=0", "--management.server.port=0",
                "--spring.datasource.url=" + url, "--spring.datasource.username=" + PostgresServer.USER,
                "--spring.kafka.bootstrap-servers=" + CloudServers.kafka().bootstrapServers(),
                "--ingest.topic=node-health-it-events", "--ingest.consumer-enabled=false",
                "--ingest.cap-replication-to-cluster=true", "--spring.main.banner-mode=off",
                "--ingest.health.silent-after=3s", "--ingest.node-cache-ttl=0s");
        client = new IngestClient(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
        management = new IngestClient(Integer.parseInt(app.getEnvironment().getProperty("local.management.port")));
        jdbc = app.getBean(JdbcTemplate.class);
        NodeRegistry registry = app.getBean(NodeRegistry.class);
        registry.addVenue("venue-h1", "Harbour", ZoneId.of("UTC"));
        registry.addNode("nuc-h1", "venue-h1", "secret-h1");
        registry.addVenue("venue-h2", "Hill", ZoneId.of("UTC"));
        registry.addNode("nuc-h2", "venue-h2", "secret-h2");
        registry.addVenue("venue-h3", "Heath", ZoneId.of("UTC"));
        registry.addNode("nuc-h3", "venue-h3", "secret-h3");
        registry.setEnabled("nuc-h3", false);
        app.getBean(ReportTokens.class).register(TOKEN, "health it", Set.of("venue-h1", "venue-h2"));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    static HttpResponse<String> report(String nodeId, String secret, String body) {
        return report(nodeId, secret, "health_" + UUID.randomUUID(), body);
    }

    static HttpResponse<String> report(String nodeId, String secret, String messageId, String body) {
        Map<String, String> headers = new HashMap<>(WebhookHeaders.signed(nodeId, secret, messageId, Instant.now(), body));
        headers.put("X-Request-Signature", IngestClient.seedSignature(secret, body.getBytes()));
        return client.post("/api/nodes/" + nodeId + "/health", body, headers);
    }

    static JsonNode venues() throws Exception {
        HttpResponse<String> response = client.get("/api/health/venues", Map.of("Authorization", "Bearer " + TOKEN));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ContractJson.read(response.body());
    }

    static JsonNode venue(JsonNode answer, String venueId) {
        for (JsonNode v : answer.get("venues")) {
            if (v.get("venueId").asText().equals(venueId)) {
                return v;
            }
        }
        throw new AssertionError(venueId + " not in " + answer);
    }

    static double silentGauge() {
        String metrics = management.get("/actuator/prometheus", Map.of()).body();
        Matcher m = Pattern.compile("(?m)^ingest_nodes_silent(\\{[^}]*})? (\\S+)$").matcher(metrics);
        assertThat(m.find()).as("ingest_nodes_silent in the prometheus output").isTrue();
        return Double.parseDouble(m.group(2));
    }

    @Test
    @Order(1)
    void keepsTheLastReportPerNodeFlagsSilenceAndCountsSilentNodes() throws Exception {
        // Before any report: every venue of the token is silent and never seen; venue-h3 is not in its scope.
        JsonNode before = venues();
        assertThat(before.get("silentAfterSeconds").asLong()).isEqualTo(3);
        assertThat(before.get("venues")).hasSize(2);
        assertThat(venue(before, "venue-h1").get("silent").asBoolean()).isTrue();
        assertThat(venue(before, "venue-h1").get("lastSeen").isNull()).isTrue();
        assertThat(venue(before, "venue-h1").get("nodes").get(0).get("nodeId").asText()).isEqualTo("nuc-h1");
        assertThat(silentGauge()).as("nuc-h1 and nuc-h2; the disabled nuc-h3 is not counted").isEqualTo(2.0);

        Instant sent = Instant.now();
        HttpResponse<String> accepted = report("nuc-h1", "secret-h1", REPORT);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.body()).isEqualTo("{\"status\":\"accepted\",\"outcome\":\"accepted\"}");

        JsonNode after = venues();
        JsonNode h1 = venue(after, "venue-h1");
        assertThat(h1.get("silent").asBoolean()).isFalse();
        assertThat(Instant.parse(h1.get("lastSeen").asText())).isBetween(sent.minusSeconds(1), Instant.now());
        assertThat(h1.get("name").asText()).isEqualTo("Harbour");
        assertThat(h1.get("nodes").get(0).toString()).isEqualTo("{\"nodeId\":\"nuc-h1\",\"lastSeen\":\""
                + h1.get("lastSeen").asText() + "\",\"silent\":false,\"queueDepth\":12,\"oldestPendingAgeSeconds\":3.2,"
                + "\"backPressure\":false,\"slotLagBytes\":12345,\"clockSkewMillis\":-20,"
                + "\"relayVersion\":\"0.1.0-SNAPSHOT\",\"parked\":0}");
        assertThat(venue(after, "venue-h2").get("silent").asBoolean()).isTrue();
        assertThat(silentGauge()).isEqualTo(1.0);

        // The next report replaces the last one (one row per node); null figures stay null.
        String second = REPORT.replace("\"queueDepth\":12", "\"queueDepth\":0").replace("3.2", "null");
        assertThat(report("nuc-h1", "secret-h1", second).statusCode()).isEqualTo(202);
        JsonNode node = venue(venues(), "venue-h1").get("nodes").get(0);
        assertThat(node.get("queueDepth").asLong()).isZero();
        assertThat(node.get("oldestPendingAgeSeconds").isNull()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from node_health", Long.class)).isEqualTo(1);

        // Nothing heard for longer than the threshold: silent again, last seen kept; a report clears it.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> venue(venues(), "venue-h1").get("silent").asBoolean());
        assertThat(venue(venues(), "venue-h1").get("lastSeen").isNull()).isFalse();
        assertThat(silentGauge()).isEqualTo(2.0);
        assertThat(report("nuc-h1", "secret-h1", REPORT).statusCode()).isEqualTo(202);
        assertThat(venue(venues(), "venue-h1").get("silent").asBoolean()).isFalse();
        assertThat(silentGauge()).isEqualTo(1.0);
    }

    @Test
    @Order(2)
    void authenticatesLikeAnEventDeliveryAndReadsTheBodyStrictly() throws Exception {
        assertThat(report("nuc-h1", "secret-h1", REPORT.replace("3.2", "1.5")).statusCode()).isEqualTo(202);
        String stored = "select oldest_pending_age_seconds from node_health where node_id = 'nuc-h1'";
        assertThat(jdbc.queryForObject(stored, Double.class)).isEqualTo(1.5);

        assertThat(client.post("/api/nodes/nuc-h1/health", REPORT, Map.of()).statusCode()).as("unsigned").isEqualTo(401);
        assertThat(report("nuc-h1", "wrong-secret", REPORT).statusCode()).isEqualTo(401);
        assertThat(report("nuc-unknown", "secret-h1", REPORT).statusCode()).isEqualTo(401);
        HttpResponse<String> disabled = report("nuc-h3", "secret-h3", REPORT);
        assertThat(disabled.statusCode()).isEqualTo(403);
        assertThat(disabled.body()).contains("node is disabled");
        Map<String, String> otherNode = new HashMap<>(WebhookHeaders.signed("nuc-h2", "secret-h1", "health_x",
                Instant.now(), REPORT));
        assertThat(client.post("/api/nodes/nuc-h1/health", REPORT, otherNode).statusCode()).isEqualTo(400);

        Map<String, String> badBodies = Map.of(
                "{\"reportedAt\":", "the body is not valid JSON",
                "[" + REPORT + "]", "the body must be a JSON object",
                REPORT.replace("\"parked\":0", "\"parked\":0,\"extra\":1"), "unknown field extra",
                REPORT.replace(",\"parked\":0", ""), "parked is required",
                REPORT.replace("\"queueDepth\":12", "\"queueDepth\":-1"), "queueDepth must be a whole number",
                REPORT.replace("\"slotLagBytes\":12345", "\"slotLagBytes\":\"12345\""), "slotLagBytes must be",
                REPORT.replace("\"parked\":0", "\"parked\":0.5"), "parked must be a whole number",
                REPORT.replace("2026-11-29T12:00:00Z", "yesterday"), "reportedAt must be an ISO-8601 instant",
                REPORT.replace("\"backPressure\":false", "\"backPressure\":\"no\""), "backPressure must be",
                REPORT.replace("\"0.1.0-SNAPSHOT\"", "\"\""), "relayVersion must be");
        for (Map.Entry<String, String> bad : badBodies.entrySet()) {
            HttpResponse<String> refused = report("nuc-h1", "secret-h1", bad.getKey());
            assertThat(refused.statusCode()).as(bad.getKey()).isEqualTo(400);
            assertThat(refused.body()).as(bad.getKey()).contains("invalid health report: " + bad.getValue());
        }
        assertThat(jdbc.queryForObject(stored, Double.class)).as("nothing stored from a refused report").isEqualTo(1.5);

        // A replayed webhook-id (freshly signed) is answered as a duplicate and stores nothing.
        String id = "health_" + UUID.randomUUID();
        assertThat(report("nuc-h1", "secret-h1", id, REPORT.replace("3.2", "2.5")).statusCode()).isEqualTo(202);
        HttpResponse<String> replay = report("nuc-h1", "secret-h1", id, REPORT.replace("3.2", "9.5"));
        assertThat(replay.statusCode()).isEqualTo(202);
        assertThat(replay.body()).contains("duplicate");
        assertThat(jdbc.queryForObject(stored, Double.class)).isEqualTo(2.5);

        HttpResponse<String> noToken = client.get("/api/health/venues", Map.of());
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(client.get("/api/health/venues", Map.of("Authorization", "Bearer not-a-token")).statusCode())
                .isEqualTo(401);
    }
}
