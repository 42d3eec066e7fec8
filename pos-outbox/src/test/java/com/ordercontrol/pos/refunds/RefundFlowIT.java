package com.ordercontrol.pos.refunds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercontrol.contract.ContractJson;
import com.ordercontrol.contract.EventEnvelope;
import com.ordercontrol.contract.EventSchemas;
import com.ordercontrol.contract.OrderRefunded;
import com.ordercontrol.pos.support.PosApi.Reply;
import com.ordercontrol.pos.support.PosIntegrationTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 12: the refund route over real HTTP and PostgreSQL: what it writes, and that refusals write nothing. */
class RefundFlowIT extends PosIntegrationTest {

    private static final Instant REFUNDED_AT = Instant.parse("2026-11-29T12:00:00.654321Z");

    /** Pays a 30.00 order, card 20.00 + 2.00 tip and cash 10.00; returns {orderId, card paymentId, cash paymentId}. */
    private String[] paidOrder() {
        String orderId = api.createOrder("30.00");
        Reply paid = api.pay(orderId, "{\"method\":\"card\",\"amount\":\"20.00\",\"tip\":\"2.00\"}",
                "{\"method\":\"cash\",\"amount\":\"10.00\"}");
        JsonNode lines = paid.body().get("payments");
        return new String[] {orderId, lines.get(0).get("paymentId").asText(), lines.get(1).get("paymentId").asText()};
    }

    private List<Map<String, Object>> refundEvents(String orderId) {
        return jdbc.sql("""
                select event_id::text, event_type, venue_id, occurred_at, payload::text as payload
                from outbox_event where aggregate_id = ? and event_type = 'order_refunded' order by occurred_at""")
                .param(orderId).query().listOfRows();
    }

    @Test
    void aPartialRefundWritesTheRefundAndOneOrderRefundedEventWithTheExactPayload() throws Exception {
        String[] order = paidOrder();
        clock.pin(REFUNDED_AT);

        Reply refund = api.refund(order[0], order[1], "{\"amount\":\"5.00\",\"reason\":\"wrong dish\"}");

        assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
        assertThat(refund.text("amount")).isEqualTo("5.00");
        assertThat(refund.text("remaining")).isEqualTo("15.00");
        assertThat(refund.text("method")).isEqualTo("card");
        assertThat(refund.text("refundedAt")).isEqualTo("2026-11-29T12:00:00.654321Z");
        assertThat(refundRows(order[1])).isEqualTo(1);
        List<Map<String, Object>> events = refundEvents(order[0]);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("event_id")).isEqualTo(refund.text("eventId"));
        assertThat(events.get(0).get("venue_id")).isEqualTo("venue-1");
        assertThat(((java.sql.Timestamp) events.get(0).get("occurred_at")).toInstant()).isEqualTo(REFUNDED_AT);
        long orderNumber = api.get("/api/orders/" + order[0]).body().get("orderNumber").asLong();
        JsonNode payload = ContractJson.read((String) events.get(0).get("payload"));
        assertThat(payload).isEqualTo(ContractJson.read("""
                {"refundId":"%s","orderId":"%s","orderNumber":%d,"paymentId":"%s","method":"card","currency":"USD",
                 "amount":"5.00","reason":"wrong dish","refundedAt":"2026-11-29T12:00:00.654321Z"}"""
                .formatted(refund.text("refundId"), order[0], orderNumber, order[1])));
        // What the cloud will accept: the payload passes the contract's own validation.
        assertThat(OrderRefunded.fromPayload(payload).amount()).isEqualTo(new BigDecimal("5.00"));
        // ... and the contract's JSON Schema, on the envelope as the relay builds it from this row.
        Map<String, Object> row = events.get(0);
        EventEnvelope delivered = new EventEnvelope((String) row.get("event_id"), (String) row.get("event_type"),
                (String) row.get("venue_id"), ((java.sql.Timestamp) row.get("occurred_at")).toInstant(), payload);
        assertThat(EventSchemas.shared().violations(ContractJson.read(delivered.toJson()))).isEmpty();
        assertThat(outboxRows(order[0])).isEqualTo(2); // order_paid + order_refunded
    }

    @Test
    void withoutAnAmountTheRemainderIsRefundedAndThenNothingIsLeft() {
        String[] order = paidOrder();
        assertThat(api.refund(order[0], order[1], "{\"amount\":7.5,\"reason\":\"cold\"}").status()).isEqualTo(201);

        Reply full = api.refund(order[0], order[1], "{\"reason\":\"customer left\"}");

        assertThat(full.status()).as(full.toString()).isEqualTo(201);
        assertThat(full.text("amount")).isEqualTo("12.50"); // the rest of 20.00; the 2.00 tip is never refunded
        assertThat(full.text("remaining")).isEqualTo("0.00");
        Reply again = api.refund(order[0], order[1], "{\"reason\":\"once more\"}");
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.text("message")).contains("already fully refunded");
        assertThat(refundRows(order[1])).isEqualTo(2);
        assertThat(refundEvents(order[0])).hasSize(2);
    }

    @Test
    void refundingMoreThanRemainsIs422AndWritesNothing() {
        String[] order = paidOrder();
        assertThat(api.refund(order[0], order[2], "{\"amount\":\"4.00\",\"reason\":\"short\"}").status()).isEqualTo(201);
        long outboxBefore = allOutboxRows();

        Reply over = api.refund(order[0], order[2], "{\"amount\":\"6.01\",\"reason\":\"too much\"}");

        assertThat(over.status()).isEqualTo(422);
        assertThat(over.text("error")).isEqualTo("unprocessable_content");
        assertThat(over.text("message")).isEqualTo("amount 6.01 USD is more than the 6.00 left to refund on payment "
                + order[2] + " (tips are never refunded); nothing was written");
        assertThat(refundRows(order[2])).isEqualTo(1);
        assertThat(allOutboxRows()).isEqualTo(outboxBefore);
        // The tip is not refundable either: 20.00 + 2.00 tip allows 20.00 at most.
        assertThat(api.refund(order[0], order[1], "{\"amount\":\"22.00\",\"reason\":\"with tip\"}").status())
                .isEqualTo(422);
        assertThat(refundRows(order[1])).isZero();
        assertThat(allOutboxRows()).isEqualTo(outboxBefore);
    }

    @Test
    void badRequestsAre400Or404AndWriteNothing() {
        String[] order = paidOrder();
        String[] other = paidOrder();
        long outboxBefore = allOutboxRows();
        Map<String, String> cases = Map.of(
                "{\"amount\":\"5.00\"}", "reason is required",
                "{\"amount\":\"5.00\",\"reason\":\"\"}", "reason is required",
                "{\"amount\":\"5.00\",\"reason\":\"" + "x".repeat(201) + "\"}", "reason is longer than 200 characters",
                "{\"amount\":\"5.00\",\"reason\":\"a\\u0007b\"}", "reason holds a control character",
                "{\"amount\":\"0\",\"reason\":\"r\"}", "amount must be greater than zero",
                "{\"amount\":\"1.001\",\"reason\":\"r\"}", "amount has more decimal places",
                "{\"amount\":\"ten\",\"reason\":\"r\"}", "amount must be a decimal");
        cases.forEach((body, message) -> {
            Reply reply = api.refund(order[0], order[1], body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.text("message")).as(body).contains(message);
        });
        // A payment of another order, or an unknown one: 404.
        assertThat(api.refund(order[0], other[1], "{\"reason\":\"r\"}").status()).isEqualTo(404);
        assertThat(api.refund(order[0], "8f14e45f-ceea-467f-a8f5-1f4c2e7a9b01", "{\"reason\":\"r\"}").status())
                .isEqualTo(404);
        assertThat(refundRows(order[1])).isZero();
        assertThat(refundRows(other[1])).isZero();
        assertThat(allOutboxRows()).isEqualTo(outboxBefore);
    }

    @Test
    void concurrentRefundsOfOnePaymentNeverExceedItsAmount() throws Exception {
        String[] order = paidOrder();
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Integer> answered = new ArrayList<>();
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return api.refund(order[0], order[2], "{\"amount\":\"3.00\",\"reason\":\"race\"}").status();
                }));
            }
            start.countDown();
            for (Future<Integer> status : statuses) {
                answered.add(status.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        // 10.00 cash: three refunds of 3.00 fit, the fourth would exceed it.
        assertThat(answered).containsOnly(201, 422);
        assertThat(answered).filteredOn(s -> s == 201).hasSize(3);
        assertThat(refundRows(order[2])).isEqualTo(3);
        assertThat(refundEvents(order[0])).hasSize(3);
        assertThat(jdbc.sql("select sum(amount) from refunds where payment_id = ?::uuid").param(order[2])
                .query(BigDecimal.class).single()).isEqualByComparingTo("9.00");
    }
}
