package com.ordercontrol.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercontrol.ingest.replay.ReplayCommand;
import com.ordercontrol.ingest.support.CloudServers;
import com.ordercontrol.ingest.support.Events;
import com.ordercontrol.ingest.support.FactTables;
import com.ordercontrol.ingest.support.IngestClient;
import com.ordercontrol.ingest.support.RunningIngest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 10, critical: one signed, accepted event that cannot become facts used to stop the facts
 * consumer for every venue (its batch retried forever). Now each poison class becomes a dead letter with
 * a printable reason and its raw bytes, and a valid event of another venue sent after it becomes a fact
 * within seconds. Replay passes the same records the same way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PoisonIT extends RunningIngest {

    static final Duration WITHIN_SECONDS = Duration.ofSeconds(20);
    static final String TIME = "2026-11-24T12:00:00Z";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        CloudServers.register(registry, "poison_it");
    }

    @Autowired
    ReplayCommand replay;

    IngestClient client;
    FactTables tables;

    @BeforeEach
    void register() {
        if (registry.venue("venue-p").isEmpty()) {
            registry.addVenue("venue-p", "Poison", ZoneId.of("UTC"));
            registry.addLegacyNode("node-p", "venue-p", "secret-of-p"); // the tests sign with the seed scheme
            registry.addVenue("venue-q", "Quiet", ZoneId.of("UTC"));
            registry.addLegacyNode("node-q", "venue-q", "secret-of-q");
        }
        client = new IngestClient(port);
        tables = new FactTables(jdbc, CloudServers.kafka().bootstrapServers(), topic);
    }

    /** An order_paid of venue-p; every value is JSON text placed as it is. */
    static String poison(String eventId, String occurredAt, String orderId, String currency, String total,
            String method, String amount, String paidAt) {
        return "{\"eventId\":\"" + eventId + "\",\"eventType\":\"order_paid\",\"venueId\":\"venue-p\",\"occurredAt\":\""
                + occurredAt + "\",\"payload\":{\"orderId\":\"" + orderId + "\",\"orderNumber\":7,\"currency\":\""
                + currency + "\",\"total\":" + total + ",\"payments\":[{\"paymentId\":\"pay-" + eventId
                + "\",\"method\":\"" + method + "\",\"amount\":" + amount + ",\"tip\":\"0\",\"paidAt\":\"" + paidAt
                + "\"}]}}";
    }

    /** Sends the poison (accepted: it is authentic), then a valid event of venue-q, which must become a fact. */
    private String poisonThenValid(String poisonBody) {
        assertThat(client.postSigned("node-p", "secret-of-p", poisonBody).statusCode()).isEqualTo(202);
        String valid = Events.simple("venue-q", "4.20", "0.80");
        assertThat(client.postSigned("node-q", "secret-of-q", valid).statusCode()).isEqualTo(202);
        String eventId = Events.eventIdOf(poisonBody);
        await().atMost(WITHIN_SECONDS).untilAsserted(() -> {
            assertThat(tables.factsOfEvent(Events.eventIdOf(valid))).as("a valid event of another venue").isEqualTo(1);
            assertThat(tables.deadLetters(eventId)).as("the poison's dead letter").isEqualTo(1);
        });
        assertThat(tables.factsOfEvent(eventId)).isZero();
        assertThat(jdbc.queryForObject("select raw_body from dead_letter_events where event_id = ?", byte[].class,
                eventId)).isEqualTo(Events.bytes(poisonBody));
        String reason = tables.deadLetterReason(eventId);
        assertThat(reason.chars().noneMatch(Character::isISOControl)).as("reason without control characters: %s", reason)
                .isTrue();
        return reason;
    }

    @Test
    void aNulInTheCurrency() {
        String reason = poisonThenValid(poison("evt-nul-currency", TIME, "ord-1", "U\\u0000D", "\"1.00\"", "card",
                "\"1.00\"", TIME));
        assertThat(reason).isEqualTo("invalid order_paid: /payload/currency: must be a 3-letter upper-case ISO 4217 code (and 1 more)");
    }

    @Test
    void aControlCharacterInTheCurrencyNeverReachesTheReason() {
        String reason = poisonThenValid(poison("evt-esc-currency", TIME, "ord-1", "U\\u001bD", "\"1.00\"", "card",
                "\"1.00\"", TIME));
        assertThat(reason).isEqualTo("invalid order_paid: /payload/currency: must be a 3-letter upper-case ISO 4217 code (and 1 more)");
    }

    @Test
    void nulAndControlCharactersInOtherFields() {
        assertThat(poisonThenValid(poison("evt-nul-order", TIME, "ord\\u0000x", "USD", "\"1.00\"", "card", "\"1.00\"",
                TIME))).startsWith("invalid order_paid: /payload/orderId: holds a control character");
        assertThat(poisonThenValid(poison("evt-ctl-method", TIME, "ord-1", "USD", "\"1.00\"", "ca\\u0007rd", "\"1.00\"",
                TIME))).startsWith("invalid order_paid: /payload/payments/0/method: must be a lower-case word");
        String unknownField = poison("evt-nul-note", TIME, "ord-1", "USD", "\"1.00\"", "card", "\"1.00\"", TIME)
                .replace("\"orderNumber\"", "\"note\":\"\\u0000\",\"orderNumber\"");
        assertThat(poisonThenValid(unknownField))
                .isEqualTo("invalid order_paid: /payload/note: holds a control character or an unpaired surrogate");
    }

    @Test
    void paidAtInTheYear300000() {
        assertThat(poisonThenValid(poison("evt-far-paid", TIME, "ord-1", "USD", "\"1.00\"", "card", "\"1.00\"",
                "+300000-01-01T00:00:00Z"))).isEqualTo(
                        "invalid order_paid: /payload/payments/0/paidAt: must be an RFC 3339 date-time with offset (and 1 more)");
    }

    @Test
    void occurredAtInTheYear300000() {
        assertThat(poisonThenValid(poison("evt-far-occurred", "+300000-01-01T00:00:00Z", "ord-1", "USD", "\"1.00\"",
                "card", "\"1.00\"", TIME))).isEqualTo(
                        "invalid order_paid: /occurredAt: must be an RFC 3339 date-time with offset (and 1 more)");
    }

    @Test
    void aTotalOf1e2147483647() {
        assertThat(poisonThenValid(poison("evt-huge-total", TIME, "ord-1", "USD", "1e2147483647", "card",
                "1e2147483647", TIME))).isEqualTo(
                        "invalid order_paid: /payload/total: must have an exclusive maximum value of 1000000000000 (and 1 more)");
    }

    /**
     * A record that passes every contract check but that the database refuses (here a check constraint
     * added for the test, standing in for any database rule the parser does not know) is isolated by
     * retrying, then splitting the batch, and dead-lettered with the database's reason.
     */
    @Test
    void aRecordTheDatabaseRefusesAfterTheParserAcceptedIt() {
        jdbc.execute("alter table payment_facts add constraint poison_it_refuses check (order_id <> 'ord-refused-by-db')");
        try {
            String reason = poisonThenValid(poison("evt-db-refuses", TIME, "ord-refused-by-db", "USD", "\"1.00\"", "card",
                    "\"1.00\"", TIME));
            assertThat(reason).startsWith("the database refused this record (SQLState 23514): ")
                    .contains("poison_it_refuses");
            assertThat(tables.events("evt-db-refuses")).isZero();
        } finally {
            jdbc.execute("alter table payment_facts drop constraint poison_it_refuses");
        }
    }

    /** Issue 10, strict input: a repeated key is refused at the door (400), never read as "last wins". */
    @Test
    void aRepeatedKeyIsRefusedAndStoresNothing() {
        long before = tables.topicSize();
        String twice = Events.simple("venue-p", "1.00", "0").replace("\"venueId\":\"venue-p\"",
                "\"venueId\":\"venue-p\",\"venueId\":\"venue-q\"");
        var answer = client.postSigned("node-p", "secret-of-p", twice);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("repeats a key");
        String amountTwice = Events.simple("venue-p", "1.00", "0").replace("\"amount\":\"1.00\"",
                "\"amount\":\"1.00\",\"amount\":\"900.00\"");
        assertThat(client.postSigned("node-p", "secret-of-p", amountTwice).statusCode()).isEqualTo(400);
        assertThat(tables.topicSize()).isEqualTo(before);
    }

    /** Replay passes every poison record the same way: dead letters in the target, the rest as facts. */
    @Test
    void replayDeadLettersThePoisonAndCarriesOn() {
        List<String> poisons = List.of(
                poison("evt-r-nul", TIME, "ord-1", "U\\u0000D", "\"1.00\"", "card", "\"1.00\"", TIME),
                poison("evt-r-paid", TIME, "ord-1", "USD", "\"1.00\"", "card", "\"1.00\"", "+300000-01-01T00:00:00Z"),
                poison("evt-r-occurred", "+300000-01-01T00:00:00Z", "ord-1", "USD", "\"1.00\"", "card", "\"1.00\"", TIME),
                poison("evt-r-huge", TIME, "ord-1", "USD", "1e2147483647", "card", "1e2147483647", TIME));
        for (String body : poisons) {
            poisonThenValid(body);
        }
        String last = Events.simple("venue-q", "1.00", "0");
        assertThat(client.postSigned("node-q", "secret-of-q", last).statusCode()).isEqualTo(202);
        tables.awaitEvent(Events.eventIdOf(last));
        String schema = "poison_replay_" + UUID.randomUUID().toString().substring(0, 8);

        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int status = replay.execute(new DefaultApplicationArguments("--from-beginning", "--into-schema=" + schema),
                new PrintStream(buffer, true, StandardCharsets.UTF_8));

        assertThat(status).as(buffer.toString(StandardCharsets.UTF_8)).isZero();
        JdbcTemplate fresh = new JdbcTemplate(CloudServers.inSchema("poison_it", schema));
        for (String body : poisons) {
            assertThat(fresh.queryForObject("select reason from dead_letter_events where event_id = ?", String.class,
                    Events.eventIdOf(body))).isEqualTo(tables.deadLetterReason(Events.eventIdOf(body)));
        }
        String venueQ = "select count(*) || ' ' || coalesce(sum(amount), 0) from payment_facts where venue_id = 'venue-q'";
        assertThat(fresh.queryForObject(venueQ, String.class)).isEqualTo(jdbc.queryForObject(venueQ, String.class));
    }
}
