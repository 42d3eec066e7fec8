package com.ordercontrol.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The payload of an {@code order_paid} event.
 *
 * <p>Money semantics: {@code total} is what the order costs (tax included, tip excluded); the payments'
 * amounts sum to it; tips are on top. Amounts are written as decimal strings and read exactly from
 * JSON strings or numbers.
 */
public record OrderPaid(String orderId, long orderNumber, String currency, BigDecimal total, List<PaymentLine> payments) {

    public OrderPaid {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(total, "total");
        payments = List.copyOf(payments);
    }

    /** The payload as JSON, amounts as plain decimal strings so no reader can round them. */
    public ObjectNode toJson() {
        ObjectNode node = ContractJson.mapper().createObjectNode();
        node.put("orderId", orderId);
        node.put("orderNumber", orderNumber);
        node.put("currency", currency);
        node.put("total", total.toPlainString());
        ArrayNode lines = node.putArray("payments");
        for (PaymentLine p : payments) {
            ObjectNode line = lines.addObject();
            line.put("paymentId", p.paymentId());
            line.put("method", p.method());
            line.put("amount", p.amount().toPlainString());
            line.put("tip", p.tip().toPlainString());
            line.put("paidAt", p.paidAt().toString());
        }
        return node;
    }

    /**
     * Reads and fully validates an {@code order_paid} event for the fact tables: the envelope's
     * {@code occurredAt} within the contract's range ({@link ContractLimits}), then the payload.
     */
    public static OrderPaid fromEvent(EventEnvelope envelope) throws InvalidPayloadException {
        PayloadFields.occurredAtInRange(envelope);
        return fromPayload(envelope.payload());
    }

    /**
     * Reads and fully validates a payload. Every rule a fact depends on is checked here, so what passes
     * can be written to the fact tables as it is; the exception's message is the dead-letter reason.
     */
    public static OrderPaid fromPayload(JsonNode payload) throws InvalidPayloadException {
        PayloadFields.object(payload);
        String orderId = PayloadFields.text(payload, "orderId", PayloadFields.TEXT_ID, null);
        long orderNumber = PayloadFields.orderNumber(payload.get("orderNumber"));
        String currency = PayloadFields.currency(payload.get("currency"));
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        BigDecimal total = PayloadFields.money(payload.get("total"), "total", digits);
        JsonNode lines = payload.get("payments");
        if (lines == null || !lines.isArray() || lines.isEmpty()) {
            throw new InvalidPayloadException("payments must be a non-empty array");
        }
        List<PaymentLine> payments = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < lines.size(); i++) {
            PaymentLine line = paymentLine(lines.get(i), "payments[" + i + "]", digits);
            if (!seen.add(line.paymentId())) {
                throw new InvalidPayloadException("payments[" + i + "].paymentId repeats " + line.paymentId());
            }
            sum = sum.add(line.amount());
            payments.add(line);
        }
        if (sum.compareTo(total) != 0) {
            throw new InvalidPayloadException(
                    "payment amounts sum to " + sum.toPlainString() + " but total is " + total.toPlainString());
        }
        return new OrderPaid(orderId, orderNumber, currency, total, payments);
    }

    private static PaymentLine paymentLine(JsonNode node, String path, int digits) throws InvalidPayloadException {
        if (node == null || !node.isObject()) {
            throw new InvalidPayloadException(path + " must be a JSON object");
        }
        String paymentId = PayloadFields.text(node, "paymentId", PayloadFields.TEXT_ID, path);
        String method = PayloadFields.text(node, "method", PayloadFields.METHOD, path);
        BigDecimal amount = PayloadFields.positiveMoney(node.get("amount"), path + ".amount", digits);
        JsonNode tipNode = node.get("tip");
        BigDecimal tip = tipNode == null || tipNode.isNull() ? BigDecimal.ZERO
                : PayloadFields.money(tipNode, path + ".tip", digits);
        Instant paidAt = PayloadFields.instant(node.get("paidAt"), path + ".paidAt");
        return new PaymentLine(paymentId, method, amount, tip, paidAt);
    }
}
