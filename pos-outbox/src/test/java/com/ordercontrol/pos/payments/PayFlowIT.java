package com.ordercontrol.pos.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercontrol.contract.ContractJson;
import com.ordercontrol.contract.EventEnvelope;
import com.ordercontrol.contract.EventSchemas;
import com.ordercontrol.contract.OrderPaid;
import com.ordercontrol.pos.support.PosApi.Reply;
import com.ordercontrol.pos.support.PosIntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pay route over real HTTP and a real PostgreSQL: what it writes, and that refusals write nothing. */
class PayFlowIT extends PosIntegrationTest {

    private static final Instant PAID_AT = Instant.parse("2026-11-24T18:22:03.123456Z");

    @Test
    void payWritesPaymentsAndExactlyOneOutboxRowWithTheExactPayload() throws Exception {
        Reply created = api.post("/api/orders", "{\"total\":\"12.99\"}");
        String orderId = created.text("orderId");
        clock.pin(PAID_AT);

        Reply paid = api.post("/api/orders/" + orderId + "/pay", """
                {"payments":[{"method":"card","amount":"10.00","tip":"1.50"},{"method":"cash","amount":2.99}]}""");

        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.text("orderId")).isEqualTo(orderId);
        assertThat(paid.text("status")).isEqualTo("paid");
        JsonNode lines = paid.body().get("payments");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("method").asText()).isEqualTo("card");
        assertThat(lines.get(0).get("amount").asText()).isEqualTo("10.00");
        assertThat(lines.get(0).get("tip").asText()).isEqualTo("1.50");
        assertThat(lines.get(1).get("amount").asText()).isEqualTo("2.99");
        assertThat(lines.get(1).get("tip").asText()).isEqualTo("0.00");
        assertThat(lines.get(1).get("paidAt").asText()).isEqualTo("2026-11-24T18:22:03.123456Z");

        String expected = """
                {"orderId":"%s","orderNumber":%d,"currency":"USD","total":"12.99","payments":[
                 {"paymentId":"%s","method":"card","amount":"10.00","tip":"1.50","paidAt":"2026-11-24T18:22:03.123456Z"},
                 {"paymentId":"%s","method":"cash","amount":"2.99","tip":"0.00","paidAt":"2026-11-24T18:22:03.123456Z"}]}"""
                .formatted(orderId, created.body().get("orderNumber").asLong(),
                        lines.get(0).get("paymentId").asText(), lines.get(1).get("paymentId").asText());
        List<Map<String, Object>> outbox = jdbc.sql("""
                select event_id::text, event_type, venue_id, aggregate_id, occurred_at, payload::text as payload
                from outbox_event where aggregate_id = ?""").param(orderId).query().listOfRows();
        assertThat(outbox).hasSize(1);
        Map<String, Object> row = outbox.get(0);
        assertThat(row.get("event_id")).isEqualTo(paid.text("eventId"));
        assertThat(row.get("event_type")).isEqualTo("order_paid");
        assertThat(row.get("venue_id")).isEqualTo("venue-1");
        assertThat(((java.sql.Timestamp) row.get("occurred_at")).toInstant()).isEqualTo(PAID_AT);
        JsonNode payload = ContractJson.read((String) row.get("payload"));
        assertThat(payload).isEqualTo(ContractJson.read(expected));
        // What the cloud will accept: the payload passes the contract's own validation.
        assertThat(OrderPaid.fromPayload(payload).payments()).hasSize(2);
        // ... and the contract's JSON Schema, on the envelope as the relay builds it from this row.
        EventEnvelope delivered = new EventEnvelope((String) row.get("event_id"), (String) row.get("event_type"),
                (String) row.get("venue_id"), ((java.sql.Timestamp) row.get("occurred_at")).toInstant(), payload);
        assertThat(EventSchemas.shared().violations(ContractJson.read(delivered.toJson()))).isEmpty();

        assertThat(paymentRows(orderId)).isEqualTo(2);
        assertThat(orderStatus(orderId)).isEqualTo("paid");
        Reply order = api.get("/api/orders/" + orderId);
        assertThat(order.text("status")).isEqualTo("paid");
        assertThat(order.text("paidAt")).isEqualTo("2026-11-24T18:22:03.123456Z");
        assertThat(order.body().get("payments")).hasSize(2);
    }

    @Test
    void aPaymentRolledBackAfterTheOutboxInsertLeavesNoPaymentAndNoEvent() {
        // A deferred constraint trigger fails at COMMIT, i.e. after payments, status and outbox row were
        // all inserted in the transaction: the failure the outbox must survive without a stray event.
        jdbc.sql("""
                create or replace function fail_marked_order_paid() returns trigger language plpgsql as $$
                begin
                  if new.payload->>'total' = '6.66' then
                    raise exception 'injected failure after the outbox insert';
                  end if;
                  return null;
                end $$""").update();
        jdbc.sql("drop trigger if exists fail_marked_order_paid on outbox_event").update();
        jdbc.sql("""
                create constraint trigger fail_marked_order_paid after insert on outbox_event
                deferrable initially deferred for each row execute function fail_marked_order_paid()""").update();
        try {
            String orderId = api.createOrder("6.66");

            Reply reply = api.post("/api/orders/" + orderId + "/pay", "{\"payments\":[{\"method\":\"card\",\"amount\":\"6.66\"}]}");

            assertThat(reply.status()).isEqualTo(500);
            assertThat(reply.text("error")).isEqualTo("internal_server_error");
            assertThat(paymentRows(orderId)).isZero();
            assertThat(outboxRows(orderId)).isZero();
            assertThat(orderStatus(orderId)).isEqualTo("open");
        } finally {
            jdbc.sql("drop trigger fail_marked_order_paid on outbox_event").update();
        }
    }

    @Test
    void payingAPaidOrderIs409AndWritesNothing() {
        String orderId = api.createOrder("5.00");
        assertThat(api.post("/api/orders/" + orderId + "/pay", payment("5.00")).status()).isEqualTo(200);

        Reply again = api.post("/api/orders/" + orderId + "/pay", payment("5.00"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("error")).isEqualTo("conflict");
        assertThat(again.text("message")).contains("already paid");
        assertThat(paymentRows(orderId)).isEqualTo(1);
        assertThat(outboxRows(orderId)).isEqualTo(1);
    }

    @Test
    void concurrentPaysOfOneOrderHaveExactlyOneWinner() throws Exception {
        String orderId = api.createOrder("7.25");
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Callable<Integer> pay = () -> {
                    start.await();
                    return api.post("/api/orders/" + orderId + "/pay", payment("7.25")).status();
                };
                statuses.add(pool.submit(pay));
            }
            start.countDown();
            List<Integer> answered = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answered.add(status.get(30, TimeUnit.SECONDS));
            }
            assertThat(answered).containsOnly(200, 409);
            assertThat(answered).filteredOn(s -> s == 200).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(paymentRows(orderId)).isEqualTo(1);
        assertThat(outboxRows(orderId)).isEqualTo(1);
    }

    /** Issue 12: a void closes an open order and tells the cloud nothing; a void order cannot be paid. */
    @Test
    void voidingAnOpenOrderWritesNothingToTheOutboxAndAVoidOrderCannotBePaid() {
        String orderId = api.createOrder("8.00");
        long outboxBefore = allOutboxRows();

        Reply voided = api.post("/api/orders/" + orderId + "/void", "");

        assertThat(voided.status()).as(voided.toString()).isEqualTo(200);
        assertThat(voided.text("status")).isEqualTo("void");
        assertThat(orderStatus(orderId)).isEqualTo("void");
        assertThat(allOutboxRows()).isEqualTo(outboxBefore);
        assertThat(outboxRows(orderId)).isZero();

        Reply pay = api.post("/api/orders/" + orderId + "/pay", payment("8.00"));
        assertThat(pay.status()).isEqualTo(409);
        assertThat(pay.text("message")).contains("is void and cannot be paid");
        assertThat(paymentRows(orderId)).isZero();
        assertThat(allOutboxRows()).isEqualTo(outboxBefore);
        assertThat(api.post("/api/orders/" + orderId + "/void", "").status()).isEqualTo(409);
    }

    @Test
    void aPaidOrderCannotBeVoided() {
        String orderId = api.createOrder("3.00");
        api.pay(orderId, "{\"method\":\"cash\",\"amount\":\"3.00\"}");

        Reply voided = api.post("/api/orders/" + orderId + "/void", "");

        assertThat(voided.status()).isEqualTo(409);
        assertThat(voided.text("message")).contains("is paid; only an open, unpaid order can be voided");
        assertThat(orderStatus(orderId)).isEqualTo("paid");
        assertThat(api.post("/api/orders/8f14e45f-ceea-467f-a8f5-1f4c2e7a9b01/void", "").status()).isEqualTo(404);
    }

    @Test
    void unknownOrderIs404() {
        String unknown = "8f14e45f-ceea-467f-a8f5-1f4c2e7a9b01";
        Reply reply = api.post("/api/orders/" + unknown + "/pay", payment("1.00"));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.text("error")).isEqualTo("not_found");
        assertThat(outboxRows(unknown)).isZero();
        assertThat(api.get("/api/orders/" + unknown).status()).isEqualTo(404);
    }

    @Test
    void amountsNotSummingToTheTotalAre422AndWriteNothing() {
        String orderId = api.createOrder("20.00");

        Reply reply = api.post("/api/orders/" + orderId + "/pay", """
                {"payments":[{"method":"card","amount":"15.00","tip":"5.00"}]}""");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.text("error")).isEqualTo("unprocessable_content");
        assertThat(reply.text("message")).contains("sum to 15.00 USD").contains("total is 20.00");
        assertNothingWritten(orderId);
    }

    @Test
    void badFieldsAre400NamingTheFieldAndWriteNothing() {
        String orderId = api.createOrder("10.00");
        Map<String, String> cases = Map.of(
                "{\"payments\":[]}", "payments is required",
                "{}", "payments is required",
                "{\"payments\":[{\"method\":\"card\",\"amount\":\"-10.00\"}]}", "payments[0].amount must be greater than zero",
                "{\"payments\":[{\"method\":\"card\",\"amount\":\"10.001\"}]}", "payments[0].amount has more decimal places",
                "{\"payments\":[{\"method\":\"card\",\"amount\":\"10.00\",\"tip\":\"-1\"}]}", "payments[0].tip must not be negative",
                "{\"payments\":[{\"method\":\"Card\",\"amount\":\"10.00\"}]}", "payments[0].method is required",
                "{\"payments\":[{\"method\":\"card\"}]}", "payments[0].amount is required",
                "{\"payments\":[{\"method\":\"card\",\"amount\":\"ten\"}]}", "payments[0].amount must be a decimal",
                "{\"payments\":[{\"method\":\"card\",\"amount\":\"10.00\"}", "not valid JSON",
                "{\"payments\":{\"method\":\"card\"}}", "payments must be a list");
        cases.forEach((body, message) -> {
            Reply reply = api.post("/api/orders/" + orderId + "/pay", body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.text("error")).as(body).isEqualTo("bad_request");
            assertThat(reply.text("message")).as(body).contains(message);
        });
        assertThat(api.post("/api/orders/not-a-uuid/pay", payment("1.00")).text("message"))
                .isEqualTo("orderId must be a UUID but was 'not-a-uuid'");
        assertNothingWritten(orderId);
    }

    /** Issue 10: numbers out of range and repeated keys are a 400 naming the field, never a 500. */
    @Test
    void outOfRangeNumbersAndRepeatedKeysAre400AndWriteNothing() {
        String orderId = api.createOrder("10.00");
        Map<String, String> cases = Map.of(
                "{\"payments\":[{\"method\":\"card\",\"amount\":1e2147483647}]}", "payments[0].amount is too large",
                "{\"payments\":[{\"method\":\"card\",\"amount\":\"10.00\",\"tip\":1e2147483647}]}",
                "payments[0].tip is too large",
                "{\"payments\":[{\"method\":\"card\",\"amount\":\"10.00\",\"tip\":-1e-2147483647}]}",
                "payments[0].tip has more decimal places",
                "{\"payments\":[{\"method\":\"card\",\"amount\":\"10.00\",\"amount\":\"5.00\"}]}",
                "an object repeats a key");
        cases.forEach((body, message) -> {
            Reply reply = api.post("/api/orders/" + orderId + "/pay", body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.text("message")).as(body).contains(message);
        });
        assertNothingWritten(orderId);
    }

    private void assertNothingWritten(String orderId) {
        assertThat(paymentRows(orderId)).isZero();
        assertThat(outboxRows(orderId)).isZero();
        assertThat(orderStatus(orderId)).isEqualTo("open");
    }

    private static String payment(String amount) {
        return "{\"payments\":[{\"method\":\"card\",\"amount\":\"" + amount + "\"}]}";
    }
}
