package com.ordercontrol.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.regex.Pattern;

/**
 * The field rules every event payload shares (ids, methods, order numbers, currencies, amounts,
 * timestamps), so {@link OrderPaid} and {@link OrderRefunded} read them the same way. Each failure is an
 * {@link InvalidPayloadException} whose message names the field: it becomes the dead-letter reason.
 */
final class PayloadFields {

    static final Pattern TEXT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    static final Pattern METHOD = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,12}(\\.\\d{1,10})?");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,18}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private PayloadFields() {
    }

    /** The payload as an object with no control character or lone surrogate in any name or string. */
    static JsonNode object(JsonNode payload) throws InvalidPayloadException {
        if (payload == null || !payload.isObject()) {
            throw new InvalidPayloadException("payload must be a JSON object");
        }
        String badText = ContractLimits.forbiddenCharacterPath(payload, "payload");
        if (badText != null) {
            throw new InvalidPayloadException(badText + " holds a control character or an invalid character");
        }
        return payload;
    }

    /** The envelope's {@code occurredAt} within {@link ContractLimits}. */
    static void occurredAtInRange(EventEnvelope envelope) throws InvalidPayloadException {
        if (!ContractLimits.inRange(envelope.occurredAt())) {
            throw new InvalidPayloadException("occurredAt must be from " + ContractLimits.EARLIEST + " to before "
                    + ContractLimits.LATEST);
        }
    }

    /** A required string of the given shape; {@code path} prefixes the name in the message (or null). */
    static String text(JsonNode node, String field, Pattern shape, String path) throws InvalidPayloadException {
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

    static long orderNumber(JsonNode value) throws InvalidPayloadException {
        // The seed's POS sends orderNumber as a number or as a numeric string (the seed's bug 3).
        if (value != null && value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0) {
            return value.longValue();
        }
        if (value != null && value.isTextual() && NUMBER.matcher(value.textValue()).matches()) {
            return Long.parseLong(value.textValue());
        }
        throw new InvalidPayloadException("orderNumber is required and must be a whole number (or a numeric string)");
    }

    static String currency(JsonNode value) throws InvalidPayloadException {
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
    static BigDecimal money(JsonNode value, String name, int digits) throws InvalidPayloadException {
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

    /** Like {@link #money}, and greater than zero. */
    static BigDecimal positiveMoney(JsonNode value, String name, int digits) throws InvalidPayloadException {
        BigDecimal amount = money(value, name, digits);
        if (amount.signum() <= 0) {
            throw new InvalidPayloadException(name + " must be greater than zero");
        }
        return amount;
    }

    static Instant instant(JsonNode value, String name) throws InvalidPayloadException {
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
