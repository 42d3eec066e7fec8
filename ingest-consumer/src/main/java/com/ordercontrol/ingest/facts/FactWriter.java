package com.ordercontrol.ingest.facts;

import com.ordercontrol.contract.EventEnvelope;
import com.ordercontrol.contract.InvalidPayloadException;
import com.ordercontrol.contract.MalformedEnvelopeException;
import com.ordercontrol.contract.OrderPaid;
import com.ordercontrol.contract.PaymentLine;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns topic records into facts, one database transaction per batch. Owns the DML of {@code events},
 * {@code payment_facts} and {@code dead_letter_events}.
 *
 * <p>Per record: an unreadable envelope, an unsupported type, an invalid {@code order_paid}, the same
 * eventId with other bytes, or a paymentId already recorded with other content goes to dead letters
 * with its reason (the first fact stays); an event already stored is a duplicate; otherwise the event
 * and its payments are inserted. Conflicts are checked before anything of the event is written, so a
 * dead-lettered event leaves no partial facts. Each venue's records come from one partition and are
 * written by one consumer at a time, so the check-then-insert cannot race with itself; the
 * {@code ON CONFLICT DO NOTHING} clauses still make any overlap (a replay into the live tables)
 * harmless. A database error propagates: the caller retries the whole batch and commits no offset.
 */
public class FactWriter {

    private static final String SELECT_EVENT_HASH = "select body_sha256 from events where event_id = ?";
    private static final String INSERT_EVENT = """
            insert into events (event_id, event_type, venue_id, occurred_at, body_sha256, raw_body,
                                kafka_topic, kafka_partition, kafka_offset)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (event_id) do nothing""";
    private static final String SELECT_FACT = """
            select event_id, order_id, currency, method, amount, tip, paid_at
            from payment_facts where venue_id = ? and payment_id = ?""";
    private static final String INSERT_FACT = """
            insert into payment_facts (venue_id, payment_id, event_id, order_id, order_number, currency,
                                       method, amount, tip, paid_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (venue_id, payment_id) do nothing""";
    private static final String INSERT_DEAD_LETTER = """
            insert into dead_letter_events (event_id, venue_id, reason, raw_body, kafka_topic, kafka_partition, kafka_offset)
            values (?, ?, ?, ?, ?, ?, ?) on conflict (kafka_topic, kafka_partition, kafka_offset) do nothing""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public FactWriter(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** Writes the batch in one transaction; returns what it did, or throws and writes nothing. */
    public WriteSummary write(List<StreamRecord> records) {
        return transaction.execute(status -> {
            WriteSummary summary = WriteSummary.EMPTY;
            for (StreamRecord record : records) {
                summary = summary.plus(writeOne(record));
            }
            return summary;
        });
    }

    private WriteSummary writeOne(StreamRecord record) {
        EventEnvelope envelope;
        try {
            envelope = EventEnvelope.parse(record.value());
        } catch (MalformedEnvelopeException e) {
            return deadLetter(record, null, null, "unreadable envelope: " + e.getMessage());
        }
        if (!EventEnvelope.ORDER_PAID.equals(envelope.eventType())) {
            return deadLetter(record, envelope, "unsupported eventType " + envelope.eventType());
        }
        OrderPaid paid;
        try {
            paid = OrderPaid.fromPayload(envelope.payload());
        } catch (InvalidPayloadException e) {
            return deadLetter(record, envelope, "invalid order_paid: " + e.getMessage());
        }
        String hash = sha256(record.value());
        List<String> stored = jdbc.queryForList(SELECT_EVENT_HASH, String.class, envelope.eventId());
        if (!stored.isEmpty()) {
            return stored.get(0).equals(hash) ? new WriteSummary(1, 0, 0, 1, 0)
                    : deadLetter(record, envelope, "conflict: eventId " + envelope.eventId()
                            + " was already stored with different content");
        }
        int alreadyPresent = 0;
        for (PaymentLine line : paid.payments()) {
            String conflict = paymentConflict(envelope.venueId(), paid, line);
            if (conflict == null) {
                continue;
            }
            if (!conflict.isEmpty()) {
                return deadLetter(record, envelope, conflict);
            }
            alreadyPresent++;
        }
        jdbc.update(INSERT_EVENT, envelope.eventId(), envelope.eventType(), envelope.venueId(),
                Timestamp.from(envelope.occurredAt()), hash, record.value(), record.topic(), record.partition(),
                record.offset());
        int facts = 0;
        for (PaymentLine line : paid.payments()) {
            facts += jdbc.update(INSERT_FACT, envelope.venueId(), line.paymentId(), envelope.eventId(), paid.orderId(),
                    paid.orderNumber(), paid.currency(), line.method(), line.amount(), line.tip(),
                    Timestamp.from(line.paidAt()));
        }
        return new WriteSummary(1, 1, facts, alreadyPresent > 0 && facts == 0 ? 1 : 0, 0);
    }

    /**
     * Null when the payment is new; empty when the same payment is already recorded identically (a
     * harmless repeat); otherwise the dead-letter reason.
     */
    private String paymentConflict(String venueId, OrderPaid paid, PaymentLine line) {
        return jdbc.query(SELECT_FACT, rs -> {
            if (!rs.next()) {
                return null;
            }
            boolean same = rs.getString("order_id").equals(paid.orderId())
                    && rs.getString("currency").equals(paid.currency())
                    && rs.getString("method").equals(line.method())
                    && rs.getBigDecimal("amount").compareTo(line.amount()) == 0
                    && rs.getBigDecimal("tip").compareTo(line.tip()) == 0
                    && rs.getTimestamp("paid_at").toInstant().equals(line.paidAt());
            return same ? "" : "conflict: paymentId " + line.paymentId() + " of venue " + venueId
                    + " was already recorded by event " + rs.getString("event_id") + " with different content";
        }, venueId, line.paymentId());
    }

    private WriteSummary deadLetter(StreamRecord record, EventEnvelope envelope, String reason) {
        return deadLetter(record, envelope.eventId(), envelope.venueId(), reason);
    }

    private WriteSummary deadLetter(StreamRecord record, String eventId, String venueId, String reason) {
        jdbc.update(INSERT_DEAD_LETTER, eventId, venueId, reason, record.value(), record.topic(), record.partition(),
                record.offset());
        return new WriteSummary(1, 0, 0, 0, 1);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
