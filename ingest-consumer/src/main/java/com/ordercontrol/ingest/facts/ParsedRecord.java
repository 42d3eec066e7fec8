package com.ordercontrol.ingest.facts;

import com.ordercontrol.contract.ContractJson;
import com.ordercontrol.contract.EventEnvelope;
import com.ordercontrol.contract.EventSchemas;
import com.ordercontrol.contract.InvalidPayloadException;
import com.ordercontrol.contract.MalformedEnvelopeException;
import com.ordercontrol.contract.OrderPaid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A topic record after reading: either an {@code order_paid} that may become facts, or the reason it
 * cannot (then {@link #envelope} is set when at least the envelope was readable). An event of a type
 * with a JSON Schema ({@link EventSchemas}) is checked against it first: a failure's reason is the
 * validator's message; the Java parser then checks what a schema cannot (amounts summing to the total).
 */
record ParsedRecord(StreamRecord record, EventEnvelope envelope, OrderPaid paid, String bodySha256, String rejection) {

    /** Reads a record; never throws: whatever goes wrong reading it is its rejection. */
    static ParsedRecord parse(StreamRecord record) {
        try {
            return read(record);
        } catch (RuntimeException | StackOverflowError e) {
            return new ParsedRecord(record, null, null, null,
                    "unreadable: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private static ParsedRecord read(StreamRecord record) {
        EventEnvelope envelope;
        try {
            envelope = EventEnvelope.parse(record.value());
        } catch (MalformedEnvelopeException e) {
            return new ParsedRecord(record, null, null, null, "unreadable envelope: " + e.getMessage());
        }
        String violation = schemaViolation(envelope.eventType(), record.value());
        if (violation != null) {
            return new ParsedRecord(record, envelope, null, null, "invalid " + envelope.eventType() + ": " + violation);
        }
        if (!EventEnvelope.ORDER_PAID.equals(envelope.eventType())) {
            return new ParsedRecord(record, envelope, null, null, "unsupported eventType " + envelope.eventType());
        }
        try {
            OrderPaid paid = OrderPaid.fromEvent(envelope);
            return new ParsedRecord(record, envelope, paid, sha256(record.value()), null);
        } catch (InvalidPayloadException e) {
            return new ParsedRecord(record, envelope, null, null, "invalid order_paid: " + e.getMessage());
        }
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
