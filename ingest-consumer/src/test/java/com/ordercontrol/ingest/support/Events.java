package com.ordercontrol.ingest.support;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Envelope bodies written as the seed's TypeScript POS writes them: {@code JSON.stringify} output,
 * compact, keys in insertion order, amounts as strings.
 */
public final class Events {

    private Events() {
    }

    /** A payment line as JSON text. */
    public static String payment(String paymentId, String method, String amount, String tip, String paidAt) {
        return "{\"paymentId\":\"" + paymentId + "\",\"method\":\"" + method + "\",\"amount\":\"" + amount
                + "\",\"tip\":\"" + tip + "\",\"paidAt\":\"" + paidAt + "\"}";
    }

    /** An {@code order_paid} envelope; {@code total} is given as JSON (string or number) text. */
    public static String orderPaid(String eventId, String venueId, String orderId, long orderNumber, String totalJson,
            String... payments) {
        return "{\"eventId\":\"" + eventId + "\",\"eventType\":\"order_paid\",\"venueId\":\"" + venueId
                + "\",\"occurredAt\":\"2026-11-24T12:00:00.000Z\",\"payload\":{\"orderId\":\"" + orderId
                + "\",\"orderNumber\":" + orderNumber + ",\"currency\":\"USD\",\"total\":" + totalJson
                + ",\"payments\":[" + String.join(",", payments) + "]}}";
    }

    /** An {@code order_refunded} envelope (USD); {@code amountJson} is JSON (string or number) text. */
    public static String orderRefunded(String eventId, String venueId, String refundId, String paymentId,
            String method, String amountJson, String refundedAt) {
        return "{\"eventId\":\"" + eventId + "\",\"eventType\":\"order_refunded\",\"venueId\":\"" + venueId
                + "\",\"occurredAt\":\"" + refundedAt + "\",\"payload\":{\"refundId\":\"" + refundId
                + "\",\"orderId\":\"ord-of-" + paymentId + "\",\"orderNumber\":7,\"paymentId\":\"" + paymentId
                + "\",\"method\":\"" + method + "\",\"currency\":\"USD\",\"amount\":" + amountJson
                + ",\"reason\":\"wrong dish\",\"refundedAt\":\"" + refundedAt + "\"}}";
    }

    /** A valid one-payment card order at noon UTC on 2026-11-24, with fresh ids. */
    public static String simple(String venueId, String amount, String tip) {
        String id = UUID.randomUUID().toString();
        return orderPaid("evt-" + id, venueId, "ord-" + id, 1, "\"" + amount + "\"",
                payment("pay-" + id, "card", amount, tip, "2026-11-24T12:00:00.000Z"));
    }

    public static String eventIdOf(String body) {
        int start = body.indexOf("\"eventId\":\"") + 11;
        return body.substring(start, body.indexOf('"', start));
    }

    public static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
