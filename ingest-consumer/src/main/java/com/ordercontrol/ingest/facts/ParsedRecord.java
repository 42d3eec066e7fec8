package com.ordercontrol.ingest.facts;

import com.ordercontrol.contract.ContractJson;
import com.ordercontrol.contract.EventEnvelope;
import com.ordercontrol.contract.EventSchemas;
import com.ordercontrol.contract.InvalidPayloadException;
import com.ordercontrol.contract.MalformedEnvelopeException;
import com.ordercontrol.contract.OrderPaid;
import com.ordercontrol.contract.OrderRefunded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A topic record after reading: an {@code order_paid} ({@link #paid}) or an {@code order_refunded}
 * ({@link #refund}) that may become facts, or the reason it cannot (then {@link #envelope} is set when at
 * least the envelope was readable). An event of a type with a JSON Schema ({@link EventSchemas}) is
 * checked against it first: a failure's reason is the validator's message; the Java parser then checks
 * what a schema cannot (amounts summing to the total).
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
        String violation = schemaViolation(type, record.value());
        if (violation != null) {
            return new ParsedRecord(record, envelope, null, null, null, "invalid " + type + ": " + violation);
        }
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

    /**
     * The JSON Schema's reason (its validator's message) when an event of a type with a schema does not
     * conform, else null. The Java parser after it keeps the rules a schema cannot state.
     */
    private static String schemaViolation(String eventType, byte[] body) {
        if (!EventSchemas.knows(eventType)) {
            return null;
        }
        try {
            return EventSchemas.shared().violation(ContractJson.read(body));
        } catch (IOException e) {
            throw new UncheckedIOException("the envelope was readable a moment ago", e);
        }
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
