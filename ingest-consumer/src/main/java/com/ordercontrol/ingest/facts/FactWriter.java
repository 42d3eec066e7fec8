package com.ordercontrol.ingest.facts;

import com.ordercontrol.contract.ContractLimits;
import com.ordercontrol.contract.EventEnvelope;
import com.ordercontrol.contract.MalformedEnvelopeException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns topic records into facts, one database transaction per batch. Owns the DML of {@code events},
 * {@code payment_facts}, {@code refund_facts} and {@code dead_letter_events}.
 *
 * <p>Per batch: parse every record; read in two queries what is already stored for the batch's event
 * ids, payment keys and refund keys; decide per record in order ({@link FactPlan}: new, duplicate, or dead letter
 * with its reason; the first fact of a paymentId or refundId stays); then write with batched inserts. Each venue's
 * records come from one partition, consumed by one consumer at a time, so nothing else writes those
 * keys between the read and the insert; the {@code ON CONFLICT DO NOTHING} clauses still make any
 * overlap (a replay into the live tables) harmless. A database error propagates and nothing of the batch
 * is written; callers go through {@link PoisonIsolator}, which retries infrastructure failures and
 * isolates a record the database refuses ({@link #deadLetter}).
 */
public class FactWriter implements PoisonIsolator.Target {

    /** Longest dead-letter reason stored; longer ones are cut. */
    static final int MAX_REASON_LENGTH = 1000;

    private static final String SELECT_EVENT_HASHES =
            "select event_id, body_sha256 from events where event_id = any (?)";
    private static final String SELECT_FACTS = """
            select f.venue_id, f.payment_id, f.event_id, f.order_id, f.currency, f.method, f.amount, f.tip, f.paid_at
            from payment_facts f join unnest(?::text[], ?::text[]) as k(venue_id, payment_id)
              on f.venue_id = k.venue_id and f.payment_id = k.payment_id""";
    private static final String SELECT_REFUNDS = """
            select f.venue_id, f.refund_id, f.event_id, f.order_id, f.payment_id, f.currency, f.method, f.amount,
                   f.refunded_at
            from refund_facts f join unnest(?::text[], ?::text[]) as k(venue_id, refund_id)
              on f.venue_id = k.venue_id and f.refund_id = k.refund_id""";
    private static final String INSERT_EVENT = """
            insert into events (event_id, event_type, venue_id, occurred_at, body_sha256, raw_body,
                                kafka_topic, kafka_partition, kafka_offset)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (event_id) do nothing""";
    private static final String INSERT_FACT = """
            insert into payment_facts (venue_id, payment_id, event_id, order_id, order_number, currency,
                                       method, amount, tip, paid_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (venue_id, payment_id) do nothing""";
    private static final String INSERT_REFUND = """
            insert into refund_facts (venue_id, refund_id, event_id, order_id, order_number, payment_id, currency,
                                      method, amount, reason, refunded_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (venue_id, refund_id) do nothing""";
    private static final String INSERT_DEAD_LETTER = """
            insert into dead_letter_events (event_id, venue_id, reason, raw_body, kafka_topic, kafka_partition, kafka_offset)
            values (?, ?, ?, ?, ?, ?, ?) on conflict (kafka_topic, kafka_partition, kafka_offset) do nothing""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public FactWriter(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /**
     * Writes the batch like {@link #write}, but a record that cannot be written goes to dead letters and
     * the rest is written (see {@link PoisonIsolator}); throws only infrastructure failures.
     */
    public WriteSummary writeIsolatingPoison(List<StreamRecord> records) {
        return PoisonIsolator.of(this, event -> { }).write(records);
    }

    /** Writes one record as a dead letter with this reason (control characters escaped), in its own transaction. */
    @Override
    public WriteSummary deadLetter(StreamRecord record, String reason) {
        EventEnvelope envelope = null;
        try {
            envelope = EventEnvelope.parse(record.value());
        } catch (MalformedEnvelopeException | RuntimeException e) {
            // ids stay null: the reason and the raw bytes are what matter
        }
        Object[] row = {envelope == null ? null : envelope.eventId(), envelope == null ? null : envelope.venueId(),
                ContractLimits.printable(reason, MAX_REASON_LENGTH), record.value(), record.topic(), record.partition(),
                record.offset()};
        transaction.executeWithoutResult(status -> jdbc.update(INSERT_DEAD_LETTER, row));
        return new WriteSummary(1, 0, 0, 0, 1);
    }

    /** Writes the batch in one transaction; returns what it did, or throws and writes nothing. */
    @Override
    public WriteSummary write(List<StreamRecord> records) {
        List<ParsedRecord> parsed = records.stream().map(ParsedRecord::parse).toList();
        return transaction.execute(status -> {
            FactPlan plan = new FactPlan(storedEventHashes(parsed), storedFacts(parsed), storedRefunds(parsed));
            parsed.forEach(plan::decide);
            insert(plan);
            return plan.summary(records.size());
        });
    }

    private Map<String, String> storedEventHashes(List<ParsedRecord> parsed) {
        Set<String> ids = new LinkedHashSet<>();
        parsed.stream().filter(ParsedRecord::usable).forEach(p -> ids.add(p.envelope().eventId()));
        Map<String, String> hashes = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.query(con -> {
                var ps = con.prepareStatement(SELECT_EVENT_HASHES);
                ps.setArray(1, con.createArrayOf("text", ids.toArray()));
                return ps;
            }, rs -> {
                hashes.put(rs.getString(1), rs.getString(2));
            });
        }
        return hashes;
    }

    private Map<FactPlan.FactKey, FactPlan.StoredFact> storedFacts(List<ParsedRecord> parsed) {
        List<String> venues = new ArrayList<>();
        List<String> payments = new ArrayList<>();
        parsed.stream().filter(p -> p.usable() && p.paid() != null).forEach(p -> p.paid().payments().forEach(line -> {
            venues.add(p.envelope().venueId());
            payments.add(line.paymentId());
        }));
        Map<FactPlan.FactKey, FactPlan.StoredFact> facts = new HashMap<>();
        if (!venues.isEmpty()) {
            jdbc.query(con -> {
                var ps = con.prepareStatement(SELECT_FACTS);
                ps.setArray(1, con.createArrayOf("text", venues.toArray()));
                ps.setArray(2, con.createArrayOf("text", payments.toArray()));
                return ps;
            }, rs -> {
                facts.put(new FactPlan.FactKey(rs.getString("venue_id"), rs.getString("payment_id")),
                        new FactPlan.StoredFact(rs.getString("event_id"), rs.getString("order_id"),
                                rs.getString("currency").trim(), rs.getString("method"), rs.getBigDecimal("amount"),
                                rs.getBigDecimal("tip"), rs.getTimestamp("paid_at").toInstant()));
            });
        }
        return facts;
    }

    private Map<FactPlan.RefundKey, FactPlan.StoredRefund> storedRefunds(List<ParsedRecord> parsed) {
        List<String> venues = new ArrayList<>();
        List<String> refundIds = new ArrayList<>();
        parsed.stream().filter(p -> p.usable() && p.refund() != null).forEach(p -> {
            venues.add(p.envelope().venueId());
            refundIds.add(p.refund().refundId());
        });
        Map<FactPlan.RefundKey, FactPlan.StoredRefund> refunds = new HashMap<>();
        if (!venues.isEmpty()) {
            jdbc.query(con -> {
                var ps = con.prepareStatement(SELECT_REFUNDS);
                ps.setArray(1, con.createArrayOf("text", venues.toArray()));
                ps.setArray(2, con.createArrayOf("text", refundIds.toArray()));
                return ps;
            }, rs -> {
                refunds.put(new FactPlan.RefundKey(rs.getString("venue_id"), rs.getString("refund_id")),
                        new FactPlan.StoredRefund(rs.getString("event_id"), rs.getString("order_id"),
                                rs.getString("payment_id"), rs.getString("currency").trim(), rs.getString("method"),
                                rs.getBigDecimal("amount"), rs.getTimestamp("refunded_at").toInstant()));
            });
        }
        return refunds;
    }

    private void insert(FactPlan plan) {
        List<Object[]> deadLetters = new ArrayList<>();
        for (FactPlan.DeadLetter d : plan.deadLetters) {
            StreamRecord r = d.parsed().record();
            var envelope = d.parsed().envelope();
            deadLetters.add(new Object[] {envelope == null ? null : envelope.eventId(),
                    envelope == null ? null : envelope.venueId(), ContractLimits.printable(d.reason(), MAX_REASON_LENGTH),
                    r.value(), r.topic(), r.partition(),
                    r.offset()});
        }
        List<Object[]> events = new ArrayList<>();
        for (ParsedRecord p : plan.newEvents) {
            StreamRecord r = p.record();
            events.add(new Object[] {p.envelope().eventId(), p.envelope().eventType(), p.envelope().venueId(),
                    Timestamp.from(p.envelope().occurredAt()), p.bodySha256(), r.value(), r.topic(), r.partition(),
                    r.offset()});
        }
        List<Object[]> facts = new ArrayList<>();
        for (FactPlan.NewFact f : plan.newFacts) {
            var paid = f.parsed().paid();
            facts.add(new Object[] {f.parsed().envelope().venueId(), f.line().paymentId(),
                    f.parsed().envelope().eventId(), paid.orderId(), paid.orderNumber(), paid.currency(),
                    f.line().method(), f.line().amount(), f.line().tip(), Timestamp.from(f.line().paidAt())});
        }
        List<Object[]> refunds = new ArrayList<>();
        for (ParsedRecord p : plan.newRefunds) {
            var refund = p.refund();
            refunds.add(new Object[] {p.envelope().venueId(), refund.refundId(), p.envelope().eventId(),
                    refund.orderId(), refund.orderNumber(), refund.paymentId(), refund.currency(), refund.method(),
                    refund.amount(), refund.reason(), Timestamp.from(refund.refundedAt())});
        }
        // Events before facts: payment_facts.event_id and refund_facts.event_id reference events.
        if (!deadLetters.isEmpty()) {
            jdbc.batchUpdate(INSERT_DEAD_LETTER, deadLetters);
        }
        if (!events.isEmpty()) {
            jdbc.batchUpdate(INSERT_EVENT, events);
        }
        if (!facts.isEmpty()) {
            jdbc.batchUpdate(INSERT_FACT, facts);
        }
        if (!refunds.isEmpty()) {
            jdbc.batchUpdate(INSERT_REFUND, refunds);
        }
    }
}
