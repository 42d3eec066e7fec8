package com.ordercontrol.ingest.facts;

import com.ordercontrol.contract.EventEnvelope;
import com.ordercontrol.contract.InvalidPayloadException;
import com.ordercontrol.contract.MalformedEnvelopeException;
import com.ordercontrol.contract.OrderPaid;
import com.ordercontrol.contract.OrderRefunded;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A topic record after reading: an {@code order_paid} ({@link #paid}) or an {@code order_refunded}
 * ({@link #refund}) that may become facts, or the reason it cannot (then {@link #envelope} is set when at
 * least the envelope was readable).
 */
record ParsedRecord(StreamRecord record, EventEnvelope envelope, OrderPaid paid, OrderRefunded refund,
        String bodySha256, String rejection) {

    /** Reads a record; never throws: whatever goes wrong reading it is its rejection. */
    static ParsedRecord parse(StreamRecord record) {
        try {
            return read(record);
        } catch (RuntimeException | StackOverflowError e) {
            return new ParsedRecord(record, null, null, null, null,
                    "unreadable: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private static ParsedRecord read(StreamRecord record) {
        EventEnvelope envelope;
        try {
            envelope = EventEnvelope.parse(record.value());
        } catch (MalformedEnvelopeException e) {
            return new ParsedRecord(record, null, null, null, null, "unreadable envelope: " + e.getMessage());
        }
        String type = envelope.eventType();
        try {
            if (EventEnvelope.ORDER_PAID.equals(type)) {
                return new ParsedRecord(record, envelope, OrderPaid.fromEvent(envelope), null, sha256(record.value()),
                        null);
            }
            if (EventEnvelope.ORDER_REFUNDED.equals(type)) {
                return new ParsedRecord(record, envelope, null, OrderRefunded.fromEvent(envelope),
                        sha256(record.value()), null);
            }
        } catch (InvalidPayloadException e) {
            return new ParsedRecord(record, envelope, null, null, null, "invalid " + type + ": " + e.getMessage());
        }
        return new ParsedRecord(record, envelope, null, null, null, "unsupported eventType " + type);
    }

    boolean usable() {
        return rejection == null;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
