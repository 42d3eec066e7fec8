package com.ordercontrol.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercontrol.ingest.support.CloudServers;
import com.ordercontrol.ingest.support.Events;
import com.ordercontrol.ingest.support.FactTables;
import com.ordercontrol.ingest.support.IngestClient;
import com.ordercontrol.ingest.support.RunningIngest;
import java.net.http.HttpResponse;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Issue 2: the seed POS's signed request becomes a fact once; a wrong signature stores nothing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IngestSkeletonIT extends RunningIngest {

    /** Signed independently: {@code printf '%s' "$BODY" | openssl dgst -sha256 -hmac dev-secret}. */
    static final String SEED_BODY = "{\"eventId\":\"evt-1\",\"eventType\":\"order_paid\",\"venueId\":\"venue-1\","
            + "\"occurredAt\":\"2026-02-19T18:22:03.120Z\",\"payload\":{\"orderId\":\"ord-1\",\"orderNumber\":1042,"
            + "\"currency\":\"USD\",\"total\":\"12.99\",\"payments\":[{\"paymentId\":\"pay-1\",\"method\":\"card\","
            + "\"amount\":\"12.99\",\"tip\":\"2.00\",\"paidAt\":\"2026-02-19T18:22:03.120Z\"}]}}";
    static final String SEED_SIGNATURE = "sha256=b0150c239bbf939ed86a4846321f0765c8aa76727fd6b34d4b2e9c9f11ece806";
    static final String DEV_TOKEN = "dev-report-token-0123456789";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        CloudServers.register(registry, "skeleton_it");
    }

    IngestClient client;
    FactTables tables;

    @BeforeEach
    void registerDevNode() {
        registry.addVenue("venue-1", "Venue One", ZoneId.of("UTC"));
        registry.addLegacyNode("dev-nuc-1", "venue-1", "dev-secret");
        tokens.register(DEV_TOKEN, "local stack", Set.of("venue-1"));
        client = new IngestClient(port);
        tables = new FactTables(jdbc, CloudServers.kafka().bootstrapServers(), topic);
    }

    @Test
    void acceptsARequestSignedLikeTheSeedPosAndTurnsItIntoAFact() {
        HttpResponse<String> response = client.post(SEED_BODY,
                Map.of("X-Server-Node-Id", "dev-nuc-1", "X-Request-Signature", SEED_SIGNATURE));

        assertThat(response.statusCode()).isEqualTo(202);
        tables.awaitEvent("evt-1");
        assertThat(jdbc.queryForMap("select order_id, order_number, currency, method, amount, tip from payment_facts"
                + " where venue_id = 'venue-1' and payment_id = 'pay-1'"))
                .containsEntry("order_id", "ord-1").containsEntry("order_number", 1042L)
                .containsEntry("method", "card")
                .hasEntrySatisfying("amount", a -> assertThat(a.toString()).isEqualTo("12.9900"))
                .hasEntrySatisfying("tip", t -> assertThat(t.toString()).isEqualTo("2.0000"));
        HttpResponse<String> report = client.get("/api/reports/daily-totals?venueId=venue-1&date=2026-02-19",
                Map.of("Authorization", "Bearer " + DEV_TOKEN));
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).isEqualTo("{\"venueId\":\"venue-1\",\"date\":\"2026-02-19\",\"timeZone\":\"UTC\","
                + "\"paymentCount\":1,\"refundCount\":0,\"orderCount\":1,\"currencies\":[{\"currency\":\"USD\",\"paymentCount\":1,"
                + "\"refundCount\":0,\"orderCount\":1,\"grossSales\":\"12.99\",\"refunds\":\"0.00\",\"netSales\":\"12.99\",\"tips\":\"2.00\",\"totalCollected\":\"14.99\","
                + "\"byMethod\":[{\"method\":\"card\",\"paymentCount\":1,\"refundCount\":0,\"grossSales\":\"12.99\",\"refunds\":\"0.00\",\"netSales\":\"12.99\",\"tips\":\"2.00\","
                + "\"totalCollected\":\"14.99\"}]}]}");
    }

    @Test
    void theSameEventDeliveredTwiceBecomesOneFact() {
        String body = Events.simple("venue-1", "20.00", "3.00");
        String eventId = Events.eventIdOf(body);

        assertThat(client.postSigned("dev-nuc-1", "dev-secret", body).statusCode()).isEqualTo(202);
        assertThat(client.postSigned("dev-nuc-1", "dev-secret", body).statusCode()).isEqualTo(202);
        String marker = Events.simple("venue-1", "1.00", "0.00");
        assertThat(client.postSigned("dev-nuc-1", "dev-secret", marker).statusCode()).isEqualTo(202);

        // The marker is on the same partition (same venue key) after both copies: once it is stored, both were consumed.
        tables.awaitEvent(Events.eventIdOf(marker));
        assertThat(tables.events(eventId)).isEqualTo(1);
        assertThat(tables.factsOfEvent(eventId)).isEqualTo(1);
        assertThat(tables.deadLetters(eventId)).isZero();
    }

    @Test
    void aWrongSignatureGets401AndStoresNothing() {
        String body = Events.simple("venue-1", "5.00", "0.00");
        long topicBefore = tables.topicSize();

        HttpResponse<String> response = client.postSigned("dev-nuc-1", "not-the-secret", body);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("dev-secret");
        assertThat(tables.topicSize()).isEqualTo(topicBefore);
        String marker = Events.simple("venue-1", "1.00", "0.00");
        assertThat(client.postSigned("dev-nuc-1", "dev-secret", marker).statusCode()).isEqualTo(202);
        tables.awaitEvent(Events.eventIdOf(marker));
        assertThat(tables.events(Events.eventIdOf(body))).isZero();
        assertThat(tables.factsOfEvent(Events.eventIdOf(body))).isZero();
    }
}
