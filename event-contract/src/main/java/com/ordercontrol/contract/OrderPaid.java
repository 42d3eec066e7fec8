package com.ordercontrol.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The payload of an {@code order_paid} event.
 *
 * <p>Money semantics: {@code total} is what the order costs (tax included, tip excluded); the payments'
 * amounts sum to it; tips are on top. Amounts are written as decimal strings and read exactly from
 * JSON strings or numbers.
 */
public record OrderPaid(String orderId, long orderNumber, String currency, BigDecimal total, List<PaymentLine> payments) {

    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,12}(\\.\\d{1,10})?");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,18}");
    private static final Pattern TEXT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Pattern METHOD = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

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
        if (!ContractLimits.inRange(envelope.occurredAt())) {
            throw new InvalidPayloadException("occurredAt must be from " + ContractLimits.EARLIEST + " to before "
                    + ContractLimits.LATEST);
        }
        return fromPayload(envelope.payload());
    }

    /**
     * Reads and fully validates a payload. Every rule a fact depends on is checked here, so what passes
     * can be written to the fact tables as it is; the exception's message is the dead-letter reason.
     */
    public static OrderPaid fromPayload(JsonNode payload) throws InvalidPayloadException {
        if (payload == null || !payload.isObject()) {
            throw new InvalidPayloadException("payload must be a JSON object");
        }
        String badText = ContractLimits.forbiddenCharacterPath(payload, "payload");
        if (badText != null) {
            throw new InvalidPayloadException(badText + " holds a control character or an invalid character");
        }
        String orderId = text(payload, "orderId", TEXT_ID);
        long orderNumber = orderNumber(payload.get("orderNumber"));
        String currency = currency(payload.get("currency"));
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        BigDecimal total = money(payload.get("total"), "total", digits);
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
        String paymentId = text(node, "paymentId", TEXT_ID, path);
        String method = text(node, "method", METHOD, path);
        BigDecimal amount = money(node.get("amount"), path + ".amount", digits);
        if (amount.signum() <= 0) {
            throw new InvalidPayloadException(path + ".amount must be greater than zero");
        }
        JsonNode tipNode = node.get("tip");
        BigDecimal tip = tipNode == null || tipNode.isNull() ? BigDecimal.ZERO : money(tipNode, path + ".tip", digits);
        Instant paidAt = instant(node.get("paidAt"), path + ".paidAt");
        return new PaymentLine(paymentId, method, amount, tip, paidAt);
    }

    private static String text(JsonNode node, String field, Pattern shape) throws InvalidPayloadException {
        return text(node, field, shape, null);
    }

    private static String text(JsonNode node, String field, Pattern shape, String path) throws InvalidPayloadException {
        String name = path == null ? field : path + "." + field;
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new InvalidPayloadException(name + " is required and must be a string");
        }
        if (!shape.matcher(value.textValue()).matches()) {
            throw new InvalidPayloadException(name + " has an invalid value");
        }
        return value.textValue();
    }

    private static long orderNumber(JsonNode value) throws InvalidPayloadException {
        // The seed's POS sends orderNumber as a number or as a numeric string (the seed's bug 3).
        if (value != null && value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0) {
            return value.longValue();
        }
        if (value != null && value.isTextual() && NUMBER.matcher(value.textValue()).matches()) {
            return Long.parseLong(value.textValue());
        }
        throw new InvalidPayloadException("orderNumber is required and must be a whole number (or a numeric string)");
    }

    private static String currency(JsonNode value) throws InvalidPayloadException {
        if (value == null || !value.isTextual() || !CURRENCY.matcher(value.textValue()).matches()) {
            throw new InvalidPayloadException("currency is required and must be a 3-letter upper-case ISO-4217 code");
        }
        try {
            Currency currency = Currency.getInstance(value.textValue());
            if (currency.getDefaultFractionDigits() < 0) {
                throw new InvalidPayloadException("currency " + value.textValue() + " has no minor unit");
            }
            if (currency.getDefaultFractionDigits() > ContractLimits.MAX_FRACTION_DIGITS) {
                throw new InvalidPayloadException("currency " + value.textValue() + " has "
                        + currency.getDefaultFractionDigits() + " decimal places; the contract carries at most "
                        + ContractLimits.MAX_FRACTION_DIGITS);
            }
            return currency.getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw new InvalidPayloadException("currency " + value.textValue() + " is not an ISO-4217 code");
        }
    }

    /** An exact, non-negative amount with no more decimals than the currency has. */
    private static BigDecimal money(JsonNode value, String name, int digits) throws InvalidPayloadException {
        BigDecimal amount;
        if (value != null && value.isNumber()) {
            amount = value.decimalValue();
        } else if (value != null && value.isTextual() && DECIMAL.matcher(value.textValue()).matches()) {
            amount = new BigDecimal(value.textValue());
        } else {
            throw new InvalidPayloadException(name + " is required and must be a decimal number or string");
        }
        if (amount.signum() < 0) {
            throw new InvalidPayloadException(name + " must not be negative");
        }
        String problem = ContractLimits.amountProblem(amount, digits);
        if (problem != null) {
            throw new InvalidPayloadException(name + " " + problem);
        }
        return ContractLimits.atScale(amount, digits);
    }

    private static Instant instant(JsonNode value, String name) throws InvalidPayloadException {
        if (value == null || !value.isTextual()) {
            throw new InvalidPayloadException(name + " is required and must be an ISO-8601 timestamp with offset");
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.textValue()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidPayloadException(name + " must be an ISO-8601 timestamp with offset");
        }
        if (!ContractLimits.inRange(instant)) {
            throw new InvalidPayloadException(name + " must be from " + ContractLimits.EARLIEST + " to before "
                    + ContractLimits.LATEST);
        }
        return instant;
    }
}
