package com.ordercontrol.pos.refunds;

/**
 * Answer of a refund (201): what was refunded, what remains refundable on the payment, and the id of the
 * {@code order_refunded} outbox row written with it. Amounts are decimal strings at the currency's scale.
 */
public record RefundResponse(String refundId, String orderId, String paymentId, String method, String currency,
                             String amount, String remaining, String reason, String refundedAt, String eventId) {
}
