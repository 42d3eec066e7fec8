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

/** Issue 4: dead letters with reasons (the stream moves on), conflicts, business days in the venue's zone, report auth and forms. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FactsAndReportIT extends RunningIngest {

    static final String TOKEN = "finance-token-for-venue-f-0001";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        CloudServers.register(registry, "facts_it");
    }

    IngestClient client;
    FactTables tables;

    @BeforeEach
    void register() {
        registry.addVenue("venue-f", "F", ZoneId.of("UTC"));
        registry.addLegacyNode("node-f", "venue-f", "secret-of-f");
        registry.addVenue("venue-la", "Los Angeles", ZoneId.of("America/Los_Angeles"));
        registry.addLegacyNode("node-la", "venue-la", "secret-of-la");
        registry.addVenue("venue-s", "Sample", ZoneId.of("UTC"));
        registry.addLegacyNode("node-s", "venue-s", "secret-of-s");
        tokens.register(TOKEN, "finance F", Set.of("venue-f", "venue-la", "venue-s"));
        client = new IngestClient(port);
        tables = new FactTables(jdbc, CloudServers.kafka().bootstrapServers(), topic);
    }

    private void send(String node, String secret, String body) {
        assertThat(client.postSigned(node, secret, body).statusCode()).isEqualTo(202);
    }

    private HttpResponse<String> report(String query, String token, String accept) {
        return client.get("/api/reports/daily-totals?" + query, accept == null
                ? Map.of("Authorization", "Bearer " + token)
                : Map.of("Authorization", "Bearer " + token, "Accept", accept));
    }

    @Test
    void invalidPayloadsAndConflictsBecomeDeadLettersAndTheEventsAfterThemBecomeFacts() {
        String sumMismatch = Events.orderPaid("evt-bad-sum", "venue-f", "ord-bad", 1, "\"10.00\"",
                Events.payment("pay-bad", "card", "9.00", "0", "2026-11-24T12:00:00Z"));
        String threeDecimals = Events.orderPaid("evt-3dp", "venue-f", "ord-3dp", 2, "12.345",
                Events.payment("pay-3dp", "card", "12.345", "0", "2026-11-24T12:00:00Z"));
        String first = Events.orderPaid("evt-first", "venue-f", "ord-1", 3, "\"20.00\"",
                Events.payment("pay-shared", "card", "20.00", "1.00", "2026-11-24T12:00:00Z"));
        String conflicting = Events.orderPaid("evt-conflict", "venue-f", "ord-2", 4, "\"25.00\"",
                Events.payment("pay-shared", "card", "25.00", "0.00", "2026-11-24T12:05:00Z"));
        String after = Events.orderPaid("evt-after", "venue-f", "ord-3", 5, "8", // number amounts, exact
                "{\"paymentId\":\"pay-after\",\"method\":\"cash\",\"amount\":8,\"tip\":0.5,\"paidAt\":\"2026-11-24T13:00:00Z\"}");
        for (String body : new String[] {sumMismatch, threeDecimals, first, conflicting, after}) {
            send("node-f", "secret-of-f", body);
        }

        tables.awaitEvent("evt-after");
        assertThat(tables.deadLetterReason("evt-bad-sum"))
                .isEqualTo("invalid order_paid: payment amounts sum to 9.00 but total is 10.00");
        assertThat(tables.deadLetterReason("evt-3dp"))
                .isEqualTo("invalid order_paid: /payload/total: must be multiple of 0.01 (and 1 more)");
        assertThat(tables.deadLetterReason("evt-conflict")).isEqualTo("conflict: paymentId pay-shared of venue venue-f"
                + " was already recorded by event evt-first with different content");
        assertThat(jdbc.queryForObject("select raw_body from dead_letter_events where event_id = 'evt-3dp'", byte[].class))
                .isEqualTo(Events.bytes(threeDecimals));
        assertThat(jdbc.queryForMap("select kafka_topic, kafka_partition from dead_letter_events where event_id = 'evt-3dp'"))
                .containsEntry("kafka_topic", topic);
        assertThat(jdbc.queryForObject("select amount from payment_facts where payment_id = 'pay-shared'", String.class))
                .isEqualTo("20.0000");
        assertThat(tables.events("evt-conflict")).isZero();
        assertThat(tables.factsOfEvent("evt-after")).isEqualTo(1);
        assertThat(jdbc.queryForObject("select tip from payment_facts where payment_id = 'pay-after'", String.class))
                .isEqualTo("0.5000");
        assertThat(counters.get("facts.dead_letters")).isEqualTo(3);
    }

    @Test
    void aPaymentAt2330InLosAngelesCountsOnThatLocalDay() {
        // 2026-11-01 23:30 in Los Angeles (PST, after the DST change that morning) is 2026-11-02T07:30Z.
        String late = Events.orderPaid("evt-la-late", "venue-la", "ord-la", 1, "\"30.00\"",
                Events.payment("pay-la", "card", "30.00", "5.00", "2026-11-01T23:30:00-08:00"));
        send("node-la", "secret-of-la", late);
        tables.awaitEvent("evt-la-late");

        assertThat(report("venueId=venue-la&date=2026-11-01", TOKEN, null).body()).isEqualTo(
                "{\"venueId\":\"venue-la\",\"date\":\"2026-11-01\",\"timeZone\":\"America/Los_Angeles\","
                        + "\"paymentCount\":1,\"refundCount\":0,\"orderCount\":1,\"currencies\":[{\"currency\":\"USD\",\"paymentCount\":1,"
                        + "\"refundCount\":0,\"orderCount\":1,\"grossSales\":\"30.00\",\"refunds\":\"0.00\",\"netSales\":\"30.00\",\"tips\":\"5.00\","
                        + "\"totalCollected\":\"35.00\",\"byMethod\":[{\"method\":\"card\",\"paymentCount\":1,\"refundCount\":0,"
                        + "\"grossSales\":\"30.00\",\"refunds\":\"0.00\",\"netSales\":\"30.00\",\"tips\":\"5.00\",\"totalCollected\":\"35.00\"}]}]}");
        assertThat(report("venueId=venue-la&date=2026-11-02", TOKEN, null).body()).isEqualTo(
                "{\"venueId\":\"venue-la\",\"date\":\"2026-11-02\",\"timeZone\":\"America/Los_Angeles\","
                        + "\"paymentCount\":0,\"refundCount\":0,\"orderCount\":0,\"currencies\":[]}");
    }

    /**
     * Issue 12: refunds become refund_facts once per (venue, refundId), bad ones are dead letters with a
     * reason, and the report counts each on the business day of its refundedAt in the venue's zone (a
     * refund at 23:30 in Los Angeles on the 10th is on the 10th although it is the 11th in UTC), under
     * its payment's method.
     */
    @Test
    void refundsAreIdempotentFactsAndCountOnTheirLosAngelesBusinessDay() {
        String paid = Events.orderPaid("evt-la-r-paid", "venue-la", "ord-la-r", 7, "\"50.00\"",
                Events.payment("pay-la-card", "card", "40.00", "4.00", "2026-11-10T12:00:00-08:00"),
                Events.payment("pay-la-cash", "cash", "10.00", "0.00", "2026-11-10T12:00:00-08:00"));
        String partial = Events.orderRefunded("evt-la-r1", "venue-la", "ref-la-1", "pay-la-card", "card", "\"15.00\"",
                "2026-11-10T23:30:00-08:00");
        String full = Events.orderRefunded("evt-la-r2", "venue-la", "ref-la-2", "pay-la-cash", "cash", "10",
                "2026-11-11T00:30:00-08:00");
        String sameRefundNewEventId = Events.orderRefunded("evt-la-r1-again", "venue-la", "ref-la-1", "pay-la-card",
                "card", "15.00", "2026-11-10T23:30:00-08:00");
        String conflicting = Events.orderRefunded("evt-la-r1-conflict", "venue-la", "ref-la-1", "pay-la-card", "card",
                "\"16.00\"", "2026-11-10T23:30:00-08:00");
        String zero = Events.orderRefunded("evt-la-r-zero", "venue-la", "ref-la-0", "pay-la-card", "card", "\"0.00\"",
                "2026-11-10T23:00:00-08:00");
        String noReason = Events.orderRefunded("evt-la-r-noreason", "venue-la", "ref-la-9", "pay-la-card", "card",
                "\"1.00\"", "2026-11-10T23:00:00-08:00").replace(",\"reason\":\"wrong dish\"", "");
        // The same refund event delivered twice (a relay retry after a lost answer), then the rest.
        for (String body : new String[] {paid, partial, partial, full, sameRefundNewEventId, conflicting, zero,
                noReason}) {
            send("node-la", "secret-of-la", body);
        }

        tables.awaitDeadLetter("evt-la-r-noreason");
        assertThat(jdbc.queryForList("select refund_id || ' ' || payment_id || ' ' || method || ' ' || amount || ' '"
                + " || event_id from refund_facts where venue_id = 'venue-la' order by refund_id", String.class))
                .containsExactly("ref-la-1 pay-la-card card 15.0000 evt-la-r1", "ref-la-2 pay-la-cash cash 10.0000 evt-la-r2");
        assertThat(tables.events("evt-la-r1")).isEqualTo(1);
        assertThat(tables.deadLetterReason("evt-la-r1-conflict")).isEqualTo("conflict: refundId ref-la-1 of venue"
                + " venue-la was already recorded by event evt-la-r1 with different content");
        assertThat(tables.deadLetterReason("evt-la-r-zero"))
                .isEqualTo("invalid order_refunded: /payload/amount: must be greater than zero");
        assertThat(tables.deadLetterReason("evt-la-r-noreason"))
                .isEqualTo("invalid order_refunded: /payload: required property 'reason' not found");

        assertThat(report("venueId=venue-la&date=2026-11-10", TOKEN, null).body()).isEqualTo(
                "{\"venueId\":\"venue-la\",\"date\":\"2026-11-10\",\"timeZone\":\"America/Los_Angeles\","
                        + "\"paymentCount\":2,\"refundCount\":1,\"orderCount\":1,\"currencies\":[{\"currency\":\"USD\","
                        + "\"paymentCount\":2,\"refundCount\":1,\"orderCount\":1,\"grossSales\":\"50.00\","
                        + "\"refunds\":\"15.00\",\"netSales\":\"35.00\",\"tips\":\"4.00\",\"totalCollected\":\"39.00\","
                        + "\"byMethod\":[{\"method\":\"card\",\"paymentCount\":1,\"refundCount\":1,"
                        + "\"grossSales\":\"40.00\",\"refunds\":\"15.00\",\"netSales\":\"25.00\",\"tips\":\"4.00\","
                        + "\"totalCollected\":\"29.00\"},{\"method\":\"cash\",\"paymentCount\":1,\"refundCount\":0,"
                        + "\"grossSales\":\"10.00\",\"refunds\":\"0.00\",\"netSales\":\"10.00\",\"tips\":\"0.00\","
                        + "\"totalCollected\":\"10.00\"}]}]}");
        assertThat(report("venueId=venue-la&date=2026-11-11", TOKEN, "text/csv").body()).isEqualTo("""
                venueId,from,to,timeZone,currency,method,paymentCount,refundCount,orderCount,grossSales,refunds,netSales,tips,totalCollected\r
                venue-la,2026-11-11,2026-11-11,America/Los_Angeles,USD,cash,0,1,,0.00,10.00,-10.00,0.00,-10.00\r
                venue-la,2026-11-11,2026-11-11,America/Los_Angeles,USD,TOTAL,0,1,0,0.00,10.00,-10.00,0.00,-10.00\r
                """);
    }

    @Test
    void reportHasTheAgreedShapeAsJsonCsvAndRange() {
        send("node-s", "secret-of-s", Events.orderPaid("evt-s1", "venue-s", "ord-s1", 1, "\"25.00\"",
                Events.payment("pay-s1", "card", "15.00", "3.00", "2026-11-24T10:00:00Z"),
                Events.payment("pay-s2", "card", "10.00", "1.00", "2026-11-24T10:01:00Z")));
        send("node-s", "secret-of-s", Events.orderPaid("evt-s2", "venue-s", "ord-s2", 2, "\"10.00\"",
                Events.payment("pay-s3", "cash", "10.00", "0.00", "2026-11-24T11:00:00Z")));
        send("node-s", "secret-of-s", Events.orderPaid("evt-s3", "venue-s", "ord-s3", 3, "\"4.50\"",
                Events.payment("pay-s4", "cash", "4.50", "0.00", "2026-11-25T11:00:00Z")));
        tables.awaitEvent("evt-s3");

        assertThat(report("venueId=venue-s&date=2026-11-24", TOKEN, null).body()).isEqualTo(
                "{\"venueId\":\"venue-s\",\"date\":\"2026-11-24\",\"timeZone\":\"UTC\",\"paymentCount\":3,"
                        + "\"refundCount\":0,\"orderCount\":2,\"currencies\":[{\"currency\":\"USD\",\"paymentCount\":3,\"refundCount\":0,\"orderCount\":2,"
                        + "\"grossSales\":\"35.00\",\"refunds\":\"0.00\",\"netSales\":\"35.00\",\"tips\":\"4.00\",\"totalCollected\":\"39.00\","
                        + "\"byMethod\":[{\"method\":\"card\",\"paymentCount\":2,\"refundCount\":0,\"grossSales\":\"25.00\",\"refunds\":\"0.00\",\"netSales\":\"25.00\","
                        + "\"tips\":\"4.00\",\"totalCollected\":\"29.00\"},{\"method\":\"cash\",\"paymentCount\":1,\"refundCount\":0,"
                        + "\"grossSales\":\"10.00\",\"refunds\":\"0.00\",\"netSales\":\"10.00\",\"tips\":\"0.00\",\"totalCollected\":\"10.00\"}]}]}");
        HttpResponse<String> csv = report("venueId=venue-s&date=2026-11-24", TOKEN, "text/csv");
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(csv.body()).isEqualTo("""
                venueId,from,to,timeZone,currency,method,paymentCount,refundCount,orderCount,grossSales,refunds,netSales,tips,totalCollected\r
                venue-s,2026-11-24,2026-11-24,UTC,USD,card,2,0,,25.00,0.00,25.00,4.00,29.00\r
                venue-s,2026-11-24,2026-11-24,UTC,USD,cash,1,0,,10.00,0.00,10.00,0.00,10.00\r
                venue-s,2026-11-24,2026-11-24,UTC,USD,TOTAL,3,0,2,35.00,0.00,35.00,4.00,39.00\r
                """);
        assertThat(report("venueId=venue-s&from=2026-11-01&to=2026-11-30", TOKEN, null).body()).startsWith(
                "{\"venueId\":\"venue-s\",\"from\":\"2026-11-01\",\"to\":\"2026-11-30\",\"timeZone\":\"UTC\","
                        + "\"paymentCount\":4,\"refundCount\":0,\"orderCount\":3,\"currencies\":[{\"currency\":\"USD\",\"paymentCount\":4,"
                        + "\"refundCount\":0,\"orderCount\":3,\"grossSales\":\"39.50\",\"refunds\":\"0.00\",\"netSales\":\"39.50\",\"tips\":\"4.00\",\"totalCollected\":\"43.50\"");
    }

    /** Issue 10: a mixed-currency day is never summed; each currency has its own named block. */
    @Test
    void eachCurrencyHasItsOwnTotalsAndIsAlwaysNamed() {
        registry.addVenue("venue-m", "Mixed", ZoneId.of("UTC"));
        registry.addLegacyNode("node-m", "venue-m", "secret-of-m");
        tokens.register(TOKEN, "finance F", Set.of("venue-m"));
        String usd = Events.orderPaid("evt-m-usd", "venue-m", "ord-m1", 1, "\"10.00\"",
                Events.payment("pay-m1", "card", "10.00", "1.00", "2026-11-24T10:00:00Z"));
        String jpy = Events.orderPaid("evt-m-jpy", "venue-m", "ord-m2", 2, "\"1000\"",
                Events.payment("pay-m2", "cash", "1000", "0", "2026-11-24T11:00:00Z")).replace("\"USD\"", "\"JPY\"");
        // (BHD 1.234, the third currency of the issue, is refused by the contract: PoisonPayloadTest.)
        for (String body : new String[] {usd, jpy}) {
            send("node-m", "secret-of-m", body);
        }
        tables.awaitEvent("evt-m-jpy");

        assertThat(report("venueId=venue-m&date=2026-11-24", TOKEN, null).body()).isEqualTo(
                "{\"venueId\":\"venue-m\",\"date\":\"2026-11-24\",\"timeZone\":\"UTC\",\"paymentCount\":2,"
                        + "\"refundCount\":0,\"orderCount\":2,\"currencies\":["
                        + "{\"currency\":\"JPY\",\"paymentCount\":1,\"refundCount\":0,\"orderCount\":1,\"grossSales\":\"1000\",\"refunds\":\"0\",\"netSales\":\"1000\",\"tips\":\"0\","
                        + "\"totalCollected\":\"1000\",\"byMethod\":[{\"method\":\"cash\",\"paymentCount\":1,\"refundCount\":0,"
                        + "\"grossSales\":\"1000\",\"refunds\":\"0\",\"netSales\":\"1000\",\"tips\":\"0\",\"totalCollected\":\"1000\"}]},"
                        + "{\"currency\":\"USD\",\"paymentCount\":1,\"refundCount\":0,\"orderCount\":1,\"grossSales\":\"10.00\",\"refunds\":\"0.00\",\"netSales\":\"10.00\",\"tips\":\"1.00\","
                        + "\"totalCollected\":\"11.00\",\"byMethod\":[{\"method\":\"card\",\"paymentCount\":1,\"refundCount\":0,"
                        + "\"grossSales\":\"10.00\",\"refunds\":\"0.00\",\"netSales\":\"10.00\",\"tips\":\"1.00\",\"totalCollected\":\"11.00\"}]}]}");
        assertThat(report("venueId=venue-m&date=2026-11-24", TOKEN, "text/csv").body()).isEqualTo("""
                venueId,from,to,timeZone,currency,method,paymentCount,refundCount,orderCount,grossSales,refunds,netSales,tips,totalCollected\r
                venue-m,2026-11-24,2026-11-24,UTC,JPY,cash,1,0,,1000,0,1000,0,1000\r
                venue-m,2026-11-24,2026-11-24,UTC,JPY,TOTAL,1,0,1,1000,0,1000,0,1000\r
                venue-m,2026-11-24,2026-11-24,UTC,USD,card,1,0,,10.00,0.00,10.00,1.00,11.00\r
                venue-m,2026-11-24,2026-11-24,UTC,USD,TOTAL,1,0,1,10.00,0.00,10.00,1.00,11.00\r
                """);
    }

    @Test
    void reportNeedsAValidTokenScopedToTheVenue() {
        registry.addVenue("venue-other", "Other", ZoneId.of("UTC"));
        assertThat(report("venueId=venue-f&date=2026-11-24", "no-such-token-000000", null).statusCode()).isEqualTo(401);
        assertThat(client.get("/api/reports/daily-totals?venueId=venue-f&date=2026-11-24", Map.of()).statusCode())
                .isEqualTo(401);
        assertThat(report("venueId=venue-other&date=2026-11-24", TOKEN, null).statusCode()).isEqualTo(403);
        assertThat(report("venueId=venue-f&date=24.11.2026", TOKEN, null).statusCode()).isEqualTo(400);
        // issue 10: dates outside 2000..2099 are a 400, never a 5xx (these were 503 and 500)
        for (String query : new String[] {"date=%2B300000-01-01", "date=%2B999999999-12-31", "date=1999-12-31",
                "date=2100-01-01", "from=2099-12-01&to=%2B999999999-12-31", "from=-999999999-01-01&to=2026-01-01"}) {
            HttpResponse<String> refused = report("venueId=venue-f&" + query, TOKEN, null);
            assertThat(refused.statusCode()).as(query).isEqualTo(400);
            assertThat(refused.body()).as(query).contains("dates must be from 2000-01-01 to 2099-12-31");
        }
        String revocable = tokens.issue("temp", Set.of("venue-f"));
        assertThat(report("venueId=venue-f&date=2026-11-24", revocable, null).statusCode()).isEqualTo(200);
        assertThat(tokens.revoke("temp")).isEqualTo(1);
        assertThat(report("venueId=venue-f&date=2026-11-24", revocable, null).statusCode()).isEqualTo(401);
        assertThat(jdbc.queryForObject("select count(*) from report_tokens where token_hash = ? or label = ?",
                Integer.class, revocable, revocable)).isZero();
    }
}
