package com.ordercontrol.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercontrol.contract.ContractJson;
import com.ordercontrol.contract.EventEnvelope;
import com.ordercontrol.contract.EventSigner;
import com.ordercontrol.contract.WireHeaders;
import com.ordercontrol.infra.FreePort;
import com.ordercontrol.localstack.PosClient.PaidOrder;
import com.ordercontrol.localstack.PosClient.Tender;
import com.ordercontrol.localstack.SampleDay.SampleOrder;
import java.io.IOException;
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
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The walking skeleton end to end, on real servers and real processes: PostgreSQL with logical
 * decoding for the venue box and for the cloud, a KRaft Kafka broker, the POS API, the relay and the
 * ingest service, talking real HTTP. The servers are the embedded ones; {@link TestcontainersPipelineIT}
 * runs the same tests on Testcontainers' PostgreSQL and Kafka ({@code -Ptestcontainers}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineEndToEndIT {

    private LocalPipeline pipeline;
    private PosClient pos;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startPipeline() {
        Path home = Path.of("..").toAbsolutePath().normalize();
        StackSettings settings = StackSettings.devDefaults(home, dataDir())
                .withPorts(FreePort.pick(), FreePort.pick());
        pipeline = start(settings);
        pos = new PosClient(settings.posUrl());
    }

    /** Where the services keep their logs (and the embedded servers their data). */
    Path dataDir() {
        return Path.of("target/e2e").toAbsolutePath();
    }

    /** Starts the pipeline: here on the embedded servers; {@link TestcontainersPipelineIT} uses containers. */
    LocalPipeline start(StackSettings settings) {
        return LocalPipeline.start(settings);
    }

    @AfterAll
    void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void fiftyOrdersPaidThroughThePosApiGiveExactFinanceTotals() {
        long seed = 50L;
        List<SampleOrder> day = new SampleDay(seed).orders(50);
        BigDecimal gross = BigDecimal.ZERO;
        BigDecimal tips = BigDecimal.ZERO;
        BigDecimal refunded = BigDecimal.ZERO;
        int payments = 0;
        int refunds = 0;
        for (SampleOrder order : day) {
            for (Tender t : order.tenders()) {
                gross = gross.add(t.amount());
                tips = tips.add(t.tip());
                payments++;
            }
            for (BigDecimal amount : order.refundAmounts()) {
                refunded = refunded.add(amount);
                refunds++;
            }
        }
        // Issue 12: refunds, partial and full, are mixed into the traffic.
        assertThat(day).anySatisfy(o -> assertThat(o.refunds()).anySatisfy(r -> assertThat(r.amount()).isNull()));
        assertThat(day).anySatisfy(o -> assertThat(o.refunds()).anySatisfy(r -> assertThat(r.amount()).isNotNull()));
        int factsBefore = countFacts();

        DayRun.Result result = DayRun.play(pipeline, 50, seed, Duration.ofMinutes(3));

        assertThat(result.missing()).isZero();
        assertThat(result.refunds()).isEqualTo(refunds);
        assertThat(result.totalsMatch()).as("cloud totals equal POS totals: %s vs %s",
                result.cloudTotals(), result.posTotals()).isTrue();
        assertThat(countFacts() - factsBefore).isEqualTo(payments);
        assertThat(factsBefore).as("this test runs first").isZero();
        if (result.cloudTotals().size() == 1) { // a run across midnight UTC splits the day; compared above
            JsonNode report = result.cloudTotals().values().iterator().next();
            assertThat(report.get("orderCount").asInt()).isEqualTo(50);
            assertThat(report.get("paymentCount").asInt()).isEqualTo(payments);
            assertThat(report.get("currencies")).hasSize(1);
            JsonNode cloud = report.get("currencies").get(0);
            assertThat(cloud.get("currency").asText()).isEqualTo("USD");
            assertThat(new BigDecimal(cloud.get("grossSales").asText())).isEqualByComparingTo(gross);
            assertThat(new BigDecimal(cloud.get("tips").asText())).isEqualByComparingTo(tips);
            assertThat(report.get("refundCount").asInt()).isEqualTo(refunds);
            assertThat(new BigDecimal(cloud.get("refunds").asText())).isEqualByComparingTo(refunded);
            assertThat(new BigDecimal(cloud.get("netSales").asText())).isEqualByComparingTo(gross.subtract(refunded));
            assertThat(new BigDecimal(cloud.get("totalCollected").asText()))
                    .isEqualByComparingTo(gross.subtract(refunded).add(tips));
            assertThat(cloud.get("grossSales").asText()).isEqualTo(gross.setScale(2).toPlainString());
        }
    }

    @Test
    void rolledBackPaymentProducesNoFact() throws Exception {
        UUID orderId = UUID.randomUUID();
        UUID paymentId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        try (Connection c = pipeline.posConnection()) {
            c.setAutoCommit(false);
            insertPaidOrderWithOutboxRow(c, orderId, paymentId, eventId);
            c.rollback();
        }

        PaidOrder sentinel = payOneOrder();
        awaitFact(sentinel.paymentIds().get(0));

        assertThat(factExists(paymentId.toString())).isFalse();
        assertThat(eventStored(eventId.toString())).isFalse();
    }

    /**
     * Issue 12: a POS in another language. The TypeScript example (node-postgres) writes an order, its
     * payment and the order_paid outbox row in one transaction; the relay delivers it and the cloud
     * records the payment fact with the example's exact amounts.
     */
    @Test
    void theTypeScriptOutboxExampleBecomesAFact() throws Exception {
        TypeScriptOutboxExample.assumeNodeAndNpm();
        JsonNode paid = new TypeScriptOutboxExample(pipeline.settings().home(), dataDir())
                .payOneOrder(pipeline.posJdbcUrl(), "postgres", pipeline.settings().venueId());
        String paymentId = paid.get("paymentId").asText();

        awaitFact(paymentId);
        try (Connection c = pipeline.cloudConnection();
             PreparedStatement s = c.prepareStatement("""
                     select event_id, order_id, order_number, currency, method, amount, tip from payment_facts
                     where venue_id = ? and payment_id::text = ?""")) {
            s.setString(1, pipeline.settings().venueId());
            s.setString(2, paymentId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("event_id")).isEqualTo(paid.get("eventId").asText());
                assertThat(rs.getString("order_id")).isEqualTo(paid.get("orderId").asText());
                assertThat(rs.getLong("order_number")).isEqualTo(paid.get("orderNumber").asLong());
                assertThat(rs.getString("currency")).isEqualTo("USD");
                assertThat(rs.getString("method")).isEqualTo("card");
                assertThat(rs.getBigDecimal("amount")).isEqualByComparingTo("12.99");
                assertThat(rs.getBigDecimal("tip")).isEqualByComparingTo("2.00");
                assertThat(rs.next()).isFalse();
            }
        }
        assertThat(countRows("select count(*) from dead_letter_events where event_id = ?", paid.get("eventId").asText()))
                .isZero();
    }

    @Test
    void sameEventDeliveredTwiceProducesOneFact() throws Exception {
        PaidOrder paid = payOneOrder();
        String paymentId = paid.paymentIds().get(0);
        awaitFact(paymentId);
        byte[] again = envelopeFromOutbox(paid.eventId()).toJson();

        HttpResponse<String> response = postSigned(again, pipeline.settings().nodeSecret());

        assertThat(response.statusCode()).isBetween(200, 299);
        PaidOrder sentinel = payOneOrder();
        awaitFact(sentinel.paymentIds().get(0));
        assertThat(countRows("select count(*) from payment_facts where payment_id::text = ?", paymentId)).isEqualTo(1);
        assertThat(countRows("select count(*) from events where event_id::text = ?", paid.eventId())).isEqualTo(1);
    }

    @Test
    void wrongSignatureGets401AndStoresNothing() throws Exception {
        String eventId = UUID.randomUUID().toString();
        String paymentId = UUID.randomUUID().toString();
        byte[] body = seedStyleBody(eventId, paymentId);

        HttpResponse<String> response = postSigned(body, "not-the-secret");

        assertThat(response.statusCode()).isEqualTo(401);
        PaidOrder sentinel = payOneOrder();
        awaitFact(sentinel.paymentIds().get(0));
        assertThat(factExists(paymentId)).isFalse();
        assertThat(eventStored(eventId)).isFalse();
    }

    @Test
    void requestSignedAsTheSeedTypeScriptPosSignsItIsAccepted() throws Exception {
        String eventId = UUID.randomUUID().toString();
        String paymentId = "pay-" + UUID.randomUUID();
        byte[] body = seedStyleBody(eventId, paymentId);
        // Computed outside Java, as the seed's Node.js code does: hex HMAC-SHA256 of the exact body.
        String signature = "sha256=" + opensslHmacHex(body, pipeline.settings().nodeSecret());

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(pipeline.settings().ingestUrl() + WireHeaders.INGEST_PATH))
                .header("Content-Type", "application/json")
                .header(WireHeaders.NODE_ID, pipeline.settings().nodeId())
                .header(WireHeaders.SIGNATURE, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        awaitFact(paymentId);
        try (Connection c = pipeline.cloudConnection();
             PreparedStatement s = c.prepareStatement(
                     "select amount, tip from payment_facts where venue_id = ? and payment_id::text = ?")) {
            s.setString(1, pipeline.settings().venueId());
            s.setString(2, paymentId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBigDecimal("amount")).isEqualByComparingTo("12.99");
                assertThat(rs.getBigDecimal("tip")).isEqualByComparingTo("2.00");
            }
        }
    }

    /** A body as the seed's TypeScript POS writes it: JSON.stringify, numbers as numbers, orderNumber a string. */
    private byte[] seedStyleBody(String eventId, String paymentId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String json = "{\"eventId\":\"" + eventId + "\",\"eventType\":\"order_paid\",\"venueId\":\""
                + pipeline.settings().venueId() + "\",\"occurredAt\":\"" + now + "\",\"payload\":{\"orderId\":\"ord-"
                + eventId + "\",\"orderNumber\":\"1042\",\"currency\":\"USD\",\"total\":12.99,\"payments\":[{"
                + "\"paymentId\":\"" + paymentId + "\",\"method\":\"card\",\"amount\":12.99,\"tip\":2,\"paidAt\":\""
                + now + "\"}]}}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String opensslHmacHex(byte[] body, String secret) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("openssl", "dgst", "-sha256", "-hmac", secret).start();
        p.getOutputStream().write(body);
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).isZero();
        return out.substring(out.lastIndexOf(' ') + 1);
    }

    private HttpResponse<String> postSigned(byte[] body, String secret) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(pipeline.settings().ingestUrl() + WireHeaders.INGEST_PATH))
                .header("Content-Type", "application/json")
                .header(WireHeaders.NODE_ID, pipeline.settings().nodeId())
                .header(WireHeaders.SIGNATURE, EventSigner.withSecret(secret).signatureHeader(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private EventEnvelope envelopeFromOutbox(String eventId) throws SQLException, IOException {
        try (Connection c = pipeline.posConnection();
             PreparedStatement s = c.prepareStatement("""
                     select event_type, venue_id, occurred_at, payload::text from outbox_event where event_id = ?::uuid
                     """)) {
            s.setString(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("outbox row %s", eventId).isTrue();
                return new EventEnvelope(eventId, rs.getString(1), rs.getString(2),
                        rs.getTimestamp(3).toInstant(), ContractJson.read(rs.getString(4)));
            }
        }
    }

    private void insertPaidOrderWithOutboxRow(Connection c, UUID orderId, UUID paymentId, UUID eventId)
            throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement order = c.prepareStatement("""
                insert into orders (order_id, venue_id, currency, total, status, paid_at)
                values (?, ?, 'USD', 9.99, 'paid', ?)""");
             PreparedStatement payment = c.prepareStatement("""
                     insert into payments (payment_id, order_id, method, amount, tip, paid_at)
                     values (?, ?, 'card', 9.99, 0, ?)""");
             PreparedStatement outbox = c.prepareStatement("""
                     insert into outbox_event (event_id, event_type, venue_id, aggregate_id, occurred_at, payload)
                     values (?, 'order_paid', ?, ?, ?, ?::jsonb)""")) {
            order.setObject(1, orderId);
            order.setString(2, pipeline.settings().venueId());
            order.setTimestamp(3, now);
            order.executeUpdate();
            payment.setObject(1, paymentId);
            payment.setObject(2, orderId);
            payment.setTimestamp(3, now);
            payment.executeUpdate();
            ObjectNode payload = ContractJson.mapper().createObjectNode()
                    .put("orderId", orderId.toString()).put("orderNumber", 1).put("currency", "USD")
                    .put("total", "9.99");
            payload.putArray("payments").addObject().put("paymentId", paymentId.toString()).put("method", "card")
                    .put("amount", "9.99").put("tip", "0.00").put("paidAt", now.toInstant().toString());
            outbox.setObject(1, eventId);
            outbox.setString(2, pipeline.settings().venueId());
            outbox.setString(3, orderId.toString());
            outbox.setTimestamp(4, now);
            outbox.setString(5, payload.toString());
            outbox.executeUpdate();
        }
    }

    private PaidOrder payOneOrder() {
        BigDecimal total = new BigDecimal("21.50");
        return pos.pay(pos.createOrder(total), List.of(new Tender("card", total, new BigDecimal("3.00"))));
    }

    private void awaitFact(String paymentId) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                .until(() -> factExists(paymentId));
    }

    private boolean factExists(String paymentId) throws SQLException {
        return countRows("select count(*) from payment_facts where payment_id::text = ?", paymentId) > 0;
    }

    private boolean eventStored(String eventId) throws SQLException {
        return countRows("select count(*) from events where event_id::text = ?", eventId) > 0;
    }

    private int countFacts() {
        try (Connection c = pipeline.cloudConnection();
             ResultSet rs = c.createStatement().executeQuery("select count(*) from payment_facts")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int countRows(String sql, String id) throws SQLException {
        try (Connection c = pipeline.cloudConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
