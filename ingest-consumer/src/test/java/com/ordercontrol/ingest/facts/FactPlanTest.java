package com.ordercontrol.ingest.facts;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercontrol.ingest.support.Events;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FactPlanTest {

    private final AtomicLong offset = new AtomicLong();

    private ParsedRecord record(String body) {
        return ParsedRecord.parse(new StreamRecord("t", 0, offset.getAndIncrement(), Events.bytes(body)));
    }

    private static String order(String eventId, String paymentId, String amount) {
        return Events.orderPaid(eventId, "v", "ord-" + paymentId, 1, "\"" + amount + "\"",
                Events.payment(paymentId, "card", amount, "0.00", "2026-11-24T12:00:00Z"));
    }

    @Test
    void aRepeatAndAConflictInsideOneBatchAreJudgedLikeAcrossBatches() {
        FactPlan plan = new FactPlan(Map.of(), Map.of(), Map.of());
        plan.decide(record(order("e1", "p1", "5.00")));
        plan.decide(record(order("e1", "p1", "5.00")));            // same event again
        plan.decide(record(order("e2", "p1", "6.00")));            // same payment, other content
        plan.decide(record(order("e1", "p9", "1.00")));            // same event id, other bytes

        assertThat(plan.newEvents).hasSize(1);
        assertThat(plan.newFacts).hasSize(1);
        assertThat(plan.deadLetters).extracting(FactPlan.DeadLetter::reason).containsExactly(
                "conflict: paymentId p1 of venue v was already recorded by event e1 with different content",
                "conflict: eventId e1 was already stored with different content");
        assertThat(plan.summary(4)).isEqualTo(new WriteSummary(4, 1, 1, 1, 2));
    }

    @Test
    void startsFromWhatTheDatabaseHolds() {
        String stored = order("e1", "p1", "5.00");
        FactPlan plan = new FactPlan(Map.of("e1", ParsedRecord.sha256(Events.bytes(stored))),
                Map.of(new FactPlan.FactKey("v", "p1"), new FactPlan.StoredFact("e1", "ord-p1", "USD", "card",
                        new BigDecimal("5.0000"), BigDecimal.ZERO, Instant.parse("2026-11-24T12:00:00Z"))), Map.of());
        plan.decide(record(stored));                               // duplicate
        plan.decide(record(order("e3", "p1", "5.00")));            // identical payment under a new event id
        plan.decide(record(order("e4", "p1", "7.00")));            // conflict with the stored fact

        assertThat(plan.newFacts).isEmpty();
        assertThat(plan.newEvents).extracting(p -> p.envelope().eventId()).containsExactly("e3");
        assertThat(plan.deadLetters).singleElement().satisfies(d -> assertThat(d.reason()).startsWith("conflict: paymentId p1"));
        assertThat(plan.summary(3)).isEqualTo(new WriteSummary(3, 1, 0, 2, 1));
    }

    @Test
    void unreadableAndInvalidRecordsAreDeadLettersWithTheirReason() {
        FactPlan plan = new FactPlan(Map.of(), Map.of(), Map.of());
        plan.decide(record("not json"));
        plan.decide(record(order("e5", "p5", "1.234")));
        assertThat(plan.deadLetters).extracting(FactPlan.DeadLetter::reason).containsExactly(
                "unreadable envelope: body is not valid JSON",
                "invalid order_paid: /payload/total: must be a decimal string >= 0 with at most 12 digits before the point "
                        + "and 2 after (and 1 more)");
    }

    /** Issue 12: a refund is one fact per (venue, refundId), whichever event carries it; other content conflicts. */
    @Test
    void aRefundIsOneFactPerRefundIdAndTheFirstStays() {
        String at = "2026-11-24T13:00:00Z";
        FactPlan plan = new FactPlan(Map.of(), Map.of(), Map.of(new FactPlan.RefundKey("v", "r0"),
                new FactPlan.StoredRefund("e0", "ord-of-p1", "p1", "USD", "card", new BigDecimal("1.0000"),
                        Instant.parse(at))));
        plan.decide(record(Events.orderRefunded("e1", "v", "r1", "p1", "card", "\"2.00\"", at)));
        plan.decide(record(Events.orderRefunded("e1", "v", "r1", "p1", "card", "\"2.00\"", at))); // delivered twice
        plan.decide(record(Events.orderRefunded("e2", "v", "r1", "p1", "card", "2", at)));      // same refund, new event
        plan.decide(record(Events.orderRefunded("e3", "v", "r1", "p1", "card", "\"3.00\"", at))); // conflict
        plan.decide(record(Events.orderRefunded("e4", "v", "r0", "p1", "card", "\"1.00\"", at))); // already stored
        plan.decide(record(Events.orderRefunded("e5", "v", "r5", "p1", "card", "\"-1.00\"", at))); // invalid

        assertThat(plan.newRefunds).extracting(p -> p.refund().refundId()).containsExactly("r1");
        assertThat(plan.newFacts).isEmpty();
        assertThat(plan.deadLetters).extracting(FactPlan.DeadLetter::reason).containsExactly(
                "conflict: refundId r1 of venue v was already recorded by event e1 with different content",
                "invalid order_refunded: /payload/amount: must be a decimal string >= 0 with at most 12 digits before the "
                        + "point and 2 after");
        assertThat(plan.summary(6)).isEqualTo(new WriteSummary(6, 3, 1, 3, 2));
    }
}
