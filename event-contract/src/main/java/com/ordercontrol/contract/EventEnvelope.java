package com.ordercontrol.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One event as it travels on the wire: {@code {"eventId","eventType","venueId","occurredAt","payload"}}.
 *
 * @param eventId    unique id of the event; the cloud deduplicates on it
 * @param eventType  for example {@link #ORDER_PAID}
 * @param venueId    the venue the event belongs to; also the Kafka key
 * @param occurredAt when the event happened at the venue (UTC instant)
 * @param payload    the event's own JSON object, numbers kept exact
 */
public record EventEnvelope(String eventId, String eventType, String venueId, Instant occurredAt, JsonNode payload) {

    /** The event type of a paid order. */
    public static final String ORDER_PAID = "order_paid";
    /** The event type of money given back on a payment ({@link OrderRefunded}). */
    public static final String ORDER_REFUNDED = "order_refunded";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(venueId, "venueId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
    }

    /** Compact UTF-8 JSON bytes, fields in contract order. These are the bytes that get signed. */
    public byte[] toJson() {
        ObjectNode node = ContractJson.mapper().createObjectNode();
        node.put("eventId", eventId);
        node.put("eventType", eventType);
        node.put("venueId", venueId);
        node.put("occurredAt", occurredAt.toString());
        node.set("payload", payload);
        return ContractJson.write(node);
    }

    /**
     * Reads an envelope from the exact bytes received. Only the envelope is checked here; the payload's
     * own rules belong to its type (see {@link OrderPaid#fromPayload}).
     */
    public static EventEnvelope parse(byte[] body) throws MalformedEnvelopeException {
        JsonNode root;
        try {
            root = ContractJson.read(body);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Duplicate field")) {
                throw new MalformedEnvelopeException("body is not valid JSON: an object repeats a key");
            }
            throw new MalformedEnvelopeException("body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEnvelopeException("body must be a JSON object");
        }
        String eventId = id(root, "eventId");
        String eventType = id(root, "eventType");
        String venueId = id(root, "venueId");
        Instant occurredAt = instant(root, "occurredAt");
        JsonNode payload = root.get("payload");
        if (payload == null || !payload.isObject()) {
            throw new MalformedEnvelopeException("payload must be a JSON object");
        }
        return new EventEnvelope(eventId, eventType, venueId, occurredAt, payload);
    }

    private static String id(JsonNode root, String field) throws MalformedEnvelopeException {
        JsonNode value = root.get(field);
        if (value == null || !value.isTextual() || !ID.matcher(value.textValue()).matches()) {
            throw new MalformedEnvelopeException(field + " must be a string of 1-128 letters, digits or ._:-");
        }
        return value.textValue();
    }

    private static Instant instant(JsonNode root, String field) throws MalformedEnvelopeException {
        JsonNode value = root.get(field);
        if (value == null || !value.isTextual()) {
            throw new MalformedEnvelopeException(field + " must be an ISO-8601 timestamp with offset");
        }
        try {
            return OffsetDateTime.parse(value.textValue()).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedEnvelopeException(field + " must be an ISO-8601 timestamp with offset");
        }
    }
}
