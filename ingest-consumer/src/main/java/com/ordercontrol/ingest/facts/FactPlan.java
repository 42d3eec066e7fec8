package com.ordercontrol.ingest.facts;

import com.ordercontrol.contract.OrderPaid;
import com.ordercontrol.contract.OrderRefunded;
import com.ordercontrol.contract.PaymentLine;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, in memory and in record order, what a batch writes: which events and facts are new, which
 * records are duplicates, and which go to dead letters with which reason. It starts from what the
 * database already holds for the batch's keys and adds each decision to that state, so a repeat or a
 * conflict inside one batch is judged exactly as it would be across batches. No I/O here.
 */
final class FactPlan {

    /** A fact's identity. */
    record FactKey(String venueId, String paymentId) {
    }

    /** The content of a stored fact that a repeat must match. */
    record StoredFact(String eventId, String orderId, String currency, String method, BigDecimal amount,
            BigDecimal tip, Instant paidAt) {

        boolean sameAs(OrderPaid paid, PaymentLine line) {
            return orderId.equals(paid.orderId()) && currency.equals(paid.currency()) && method.equals(line.method())
                    && amount.compareTo(line.amount()) == 0 && tip.compareTo(line.tip()) == 0
                    && paidAt.equals(line.paidAt());
        }
    }

    /** A refund fact's identity. */
    record RefundKey(String venueId, String refundId) {
    }

    /** The content of a stored refund fact that a repeat must match. */
    record StoredRefund(String eventId, String orderId, String paymentId, String currency, String method,
            BigDecimal amount, Instant refundedAt) {

        static StoredRefund of(String eventId, OrderRefunded refund) {
            return new StoredRefund(eventId, refund.orderId(), refund.paymentId(), refund.currency(), refund.method(),
                    refund.amount(), refund.refundedAt());
        }

        boolean sameAs(OrderRefunded refund) {
            return orderId.equals(refund.orderId()) && paymentId.equals(refund.paymentId())
                    && currency.equals(refund.currency()) && method.equals(refund.method())
                    && amount.compareTo(refund.amount()) == 0 && refundedAt.equals(refund.refundedAt());
        }
    }

    record DeadLetter(ParsedRecord parsed, String reason) {
    }

    record NewFact(ParsedRecord parsed, PaymentLine line) {
    }

    private final Map<String, String> eventHashes;
    private final Map<FactKey, StoredFact> facts;
    private final Map<RefundKey, StoredRefund> refunds;
    final List<ParsedRecord> newEvents = new ArrayList<>();
    final List<NewFact> newFacts = new ArrayList<>();
    final List<ParsedRecord> newRefunds = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    private long duplicates;

    /**
     * @param storedEventHashes body hash of every already stored event among the batch's event ids
     * @param storedFacts       every already stored fact among the batch's payment keys
     * @param storedRefunds     every already stored refund fact among the batch's refund keys
     */
    FactPlan(Map<String, String> storedEventHashes, Map<FactKey, StoredFact> storedFacts,
            Map<RefundKey, StoredRefund> storedRefunds) {
        this.eventHashes = new HashMap<>(storedEventHashes);
        this.facts = new HashMap<>(storedFacts);
        this.refunds = new HashMap<>(storedRefunds);
    }

    void decide(ParsedRecord parsed) {
        if (!parsed.usable()) {
            deadLetters.add(new DeadLetter(parsed, parsed.rejection()));
            return;
        }
        String eventId = parsed.envelope().eventId();
        String venueId = parsed.envelope().venueId();
        String storedHash = eventHashes.get(eventId);
        if (storedHash != null) {
            if (storedHash.equals(parsed.bodySha256())) {
                duplicates++;
            } else {
                deadLetters.add(new DeadLetter(parsed,
                        "conflict: eventId " + eventId + " was already stored with different content"));
            }
            return;
        }
        if (parsed.refund() != null) {
            decideRefund(parsed);
            return;
        }
        OrderPaid paid = parsed.paid();
        List<PaymentLine> fresh = new ArrayList<>();
        for (PaymentLine line : paid.payments()) {
            StoredFact existing = facts.get(new FactKey(venueId, line.paymentId()));
            if (existing == null) {
                fresh.add(line);
            } else if (!existing.sameAs(paid, line)) {
                // Checked before anything of this event is planned, so a conflict leaves no partial facts.
                deadLetters.add(new DeadLetter(parsed, "conflict: paymentId " + line.paymentId() + " of venue "
                        + venueId + " was already recorded by event " + existing.eventId() + " with different content"));
                return;
            }
        }
        eventHashes.put(eventId, parsed.bodySha256());
        newEvents.add(parsed);
        for (PaymentLine line : fresh) {
            facts.put(new FactKey(venueId, line.paymentId()), new StoredFact(eventId, paid.orderId(), paid.currency(),
                    line.method(), line.amount(), line.tip(), line.paidAt()));
            newFacts.add(new NewFact(parsed, line));
        }
        if (fresh.isEmpty()) {
            duplicates++; // every payment was already recorded identically under another event id
        }
    }

    /** A refund is one fact; the same refundId with other content is a conflict, the first fact stays. */
    private void decideRefund(ParsedRecord parsed) {
        String eventId = parsed.envelope().eventId();
        String venueId = parsed.envelope().venueId();
        OrderRefunded refund = parsed.refund();
        RefundKey key = new RefundKey(venueId, refund.refundId());
        StoredRefund existing = refunds.get(key);
        if (existing != null && !existing.sameAs(refund)) {
            deadLetters.add(new DeadLetter(parsed, "conflict: refundId " + refund.refundId() + " of venue " + venueId
                    + " was already recorded by event " + existing.eventId() + " with different content"));
            return;
        }
        eventHashes.put(eventId, parsed.bodySha256());
        newEvents.add(parsed);
        if (existing == null) {
            refunds.put(key, StoredRefund.of(eventId, refund));
            newRefunds.add(parsed);
        } else {
            duplicates++; // the refund was already recorded identically under another event id
        }
    }

    WriteSummary summary(int recordsRead) {
        return new WriteSummary(recordsRead, newEvents.size(), newFacts.size() + newRefunds.size(), duplicates,
                deadLetters.size());
    }
}
