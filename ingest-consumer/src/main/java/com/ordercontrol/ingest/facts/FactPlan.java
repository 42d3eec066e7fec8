package com.ordercontrol.ingest.facts;

import com.ordercontrol.contract.OrderPaid;
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

    record DeadLetter(ParsedRecord parsed, String reason) {
    }

    record NewFact(ParsedRecord parsed, PaymentLine line) {
    }

    private final Map<String, String> eventHashes;
    private final Map<FactKey, StoredFact> facts;
    final List<ParsedRecord> newEvents = new ArrayList<>();
    final List<NewFact> newFacts = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    private long duplicates;

    /**
     * @param storedEventHashes body hash of every already stored event among the batch's event ids
     * @param storedFacts       every already stored fact among the batch's payment keys
     */
    FactPlan(Map<String, String> storedEventHashes, Map<FactKey, StoredFact> storedFacts) {
        this.eventHashes = new HashMap<>(storedEventHashes);
        this.facts = new HashMap<>(storedFacts);
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

    WriteSummary summary(int recordsRead) {
        return new WriteSummary(recordsRead, newEvents.size(), newFacts.size(), duplicates, deadLetters.size());
    }
}
