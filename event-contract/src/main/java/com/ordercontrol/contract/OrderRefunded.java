package com.ordercontrol.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

/**
 * The payload of an {@code order_refunded} event: money given back on one payment of a paid order.
 *
 * <p>A refund returns sales money only, never tips; it is attributed to the refunded payment's
 * {@code method}. A payment may be refunded in several parts; the POS refuses refunds beyond its amount.
 * The cloud's fact key is {@code (venueId, refundId)}.
 *
 * @param refundId   unique per venue
 * @param paymentId  the refunded payment (of {@code orderId})
 * @param method     the refunded payment's method
 * @param amount     greater than zero, at most the currency's decimals
 * @param reason     1 to {@value #MAX_REASON_LENGTH} characters, no control character
 * @param refundedAt when the money was given back; its business day in the venue's zone is the refund's day
 */
public record OrderRefunded(String refundId, String orderId, long orderNumber, String paymentId, String method,
                            String currency, BigDecimal amount, String reason, Instant refundedAt) {

    /** Longest reason, in characters (code points). */
    public static final int MAX_REASON_LENGTH = 200;

    public OrderRefunded {
        Objects.requireNonNull(refundId, "refundId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(refundedAt, "refundedAt");
    }

    /** The payload as JSON, the amount as a plain decimal string so no reader can round it. */
    public ObjectNode toJson() {
        ObjectNode node = ContractJson.mapper().createObjectNode();
        node.put("refundId", refundId);
        node.put("orderId", orderId);
        node.put("orderNumber", orderNumber);
        node.put("paymentId", paymentId);
        node.put("method", method);
        node.put("currency", currency);
        node.put("amount", amount.toPlainString());
        node.put("reason", reason);
        node.put("refundedAt", refundedAt.toString());
        return node;
    }

    /** Reads and fully validates an {@code order_refunded} event: {@code occurredAt}'s range, then the payload. */
    public static OrderRefunded fromEvent(EventEnvelope envelope) throws InvalidPayloadException {
        PayloadFields.occurredAtInRange(envelope);
        return fromPayload(envelope.payload());
    }

    /**
     * Reads and fully validates a payload; what passes can be written to {@code refund_facts} as it is.
     * The exception's message is the dead-letter reason.
     */
    public static OrderRefunded fromPayload(JsonNode payload) throws InvalidPayloadException {
        PayloadFields.object(payload);
        String refundId = PayloadFields.text(payload, "refundId", PayloadFields.TEXT_ID, null);
        String orderId = PayloadFields.text(payload, "orderId", PayloadFields.TEXT_ID, null);
        long orderNumber = PayloadFields.orderNumber(payload.get("orderNumber"));
        String paymentId = PayloadFields.text(payload, "paymentId", PayloadFields.TEXT_ID, null);
        String method = PayloadFields.text(payload, "method", PayloadFields.METHOD, null);
        String currency = PayloadFields.currency(payload.get("currency"));
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        BigDecimal amount = PayloadFields.positiveMoney(payload.get("amount"), "amount", digits);
        String reason = reason(payload.get("reason"));
        Instant refundedAt = PayloadFields.instant(payload.get("refundedAt"), "refundedAt");
        return new OrderRefunded(refundId, orderId, orderNumber, paymentId, method, currency, amount, reason,
                refundedAt);
    }

    /** Why {@code reason} is not a valid refund reason, or null when it is (the POS applies the same rule). */
    public static String reasonProblem(String reason) {
        if (reason == null || reason.isEmpty()) {
            return "reason is required (1 to " + MAX_REASON_LENGTH + " characters)";
        }
        if (reason.codePointCount(0, reason.length()) > MAX_REASON_LENGTH) {
            return "reason is longer than " + MAX_REASON_LENGTH + " characters";
        }
        if (ContractLimits.hasForbiddenCharacter(reason)) {
            return "reason holds a control character or an invalid character";
        }
        return null;
    }

    private static String reason(JsonNode value) throws InvalidPayloadException {
        if (value == null || !value.isTextual()) {
            throw new InvalidPayloadException("reason is required and must be a string");
        }
        String problem = reasonProblem(value.textValue());
        if (problem != null) {
            throw new InvalidPayloadException(problem);
        }
        return value.textValue();
    }
}
