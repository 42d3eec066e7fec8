package com.ordercontrol.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercontrol.contract.EventEnvelope;
import com.ordercontrol.contract.OrderPaid;
import com.ordercontrol.contract.OrderRefunded;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One row of the {@code outbox_event} table: an event the relay will deliver to the cloud after the
 * transaction that wrote it commits.
 *
 * <p>Build one with {@link #orderPaid} for a paid order, {@link #orderRefunded} for a refund, or {@link #of} for any other event type. The
 * constructor checks what the relay and the cloud rely on, so a bad event fails in the pay flow (and
 * rolls the payment back) instead of being refused by the cloud later.
 *
 * @param eventId     unique id; the cloud deduplicates on it, so a retry of the same event keeps it
 * @param eventType   for example {@link EventEnvelope#ORDER_PAID}
 * @param venueId     the venue the event belongs to (the Kafka key in the cloud)
 * @param aggregateId the id of the thing the event is about, for example the order id
 * @param occurredAt  when it happened at the venue
 * @param payload     the event's own JSON object (Jackson 2 tree, numbers kept exact)
 */
public record OutboxEvent(UUID eventId, String eventType, String venueId, String aggregateId, Instant occurredAt,
                          JsonNode payload) {

    // The envelope's id rule: an event the cloud would refuse as unreadable must not enter the outbox.
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    public OutboxEvent {
        Objects.requireNonNull(eventId, "eventId");
        requireId(eventType, "eventType");
        requireId(venueId, "venueId");
        Objects.requireNonNull(aggregateId, "aggregateId");
        if (aggregateId.isBlank()) {
            throw new IllegalArgumentException("aggregateId must not be blank");
        }
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
        if (!payload.isObject()) {
            throw new IllegalArgumentException("payload must be a JSON object");
        }
    }

    /** An event of any type with a new random event id. */
    public static OutboxEvent of(String eventType, String venueId, String aggregateId, Instant occurredAt,
                                 JsonNode payload) {
        return new OutboxEvent(UUID.randomUUID(), eventType, venueId, aggregateId, occurredAt, payload);
    }

    /**
     * The {@code order_paid} event of an order: a new random event id, the order id as aggregate id and
     * {@link OrderPaid#toJson()} as payload (amounts as exact decimal strings).
     */
    public static OutboxEvent orderPaid(String venueId, OrderPaid orderPaid, Instant occurredAt) {
        return of(EventEnvelope.ORDER_PAID, venueId, orderPaid.orderId(), occurredAt, orderPaid.toJson());
    }

    /**
     * The {@code order_refunded} event of a refund: a new random event id, the order id as aggregate id
     * and {@link OrderRefunded#toJson()} as payload.
     */
    public static OutboxEvent orderRefunded(String venueId, OrderRefunded refund, Instant occurredAt) {
        return of(EventEnvelope.ORDER_REFUNDED, venueId, refund.orderId(), occurredAt, refund.toJson());
    }

    private static void requireId(String value, String name) {
        Objects.requireNonNull(value, name);
        if (!ID.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be 1-128 letters, digits or ._:- but was '" + value + "'");
        }
    }
}
