package com.ordercontrol.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * What the contract accepts, in one place, so every value that passes fits every column it lands in:
 * the POS's {@code numeric(14,2)} and the cloud's {@code numeric(19,4)} amounts, PostgreSQL's
 * {@code timestamptz}, {@code bigint} order numbers and UTF-8 {@code text}. The POS applies the same
 * limits to what it takes, so an event the POS wrote is never refused by the cloud.
 *
 * <p>Every check here is safe on hostile input: sizes are compared in {@code long} arithmetic before any
 * {@link BigDecimal} operation whose cost or result depends on the exponent ({@code 1e2147483647}).
 */
public final class ContractLimits {

    /** Digits before the decimal point: the POS's {@code numeric(14,2)} holds 12. */
    public static final int MAX_INTEGER_DIGITS = 12;
    /** Decimal places: the POS's {@code numeric(14,2)} holds 2 (the cloud's columns hold 4). */
    public static final int MAX_FRACTION_DIGITS = 2;
    /** Significant digits as written; more is refused before any rescaling. */
    public static final int MAX_WRITTEN_DIGITS = 40;
    /** Earliest accepted timestamp (inclusive). */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** Latest accepted timestamp (exclusive). */
    public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    /** First business day a report may ask for. */
    public static final java.time.LocalDate FIRST_DAY = java.time.LocalDate.of(2000, 1, 1);
    /** Last business day a report may ask for (no fact lies after it). */
    public static final java.time.LocalDate LAST_DAY = java.time.LocalDate.of(2099, 12, 31);

    private ContractLimits() {
    }

    /** Whether a report may ask for this business day: {@link #FIRST_DAY} to {@link #LAST_DAY}. */
    public static boolean reportable(java.time.LocalDate day) {
        return !day.isBefore(FIRST_DAY) && !day.isAfter(LAST_DAY);
    }

    /** Whether the instant lies in {@code [2000-01-01, 2100-01-01)} UTC. */
    public static boolean inRange(Instant instant) {
        return !instant.isBefore(EARLIEST) && instant.isBefore(LATEST);
    }

    /** The outcome of {@link #checkAmount}. */
    public enum AmountCheck {
        /** Fits: at most 12 integer digits and at most the allowed decimal places. */
        OK,
        /** More than {@link #MAX_WRITTEN_DIGITS} significant digits as written. */
        TOO_MANY_DIGITS,
        /** More than {@link #MAX_INTEGER_DIGITS} digits before the decimal point. */
        TOO_LARGE,
        /** More decimal places than allowed (after dropping trailing zeros). */
        TOO_MANY_DECIMALS
    }

    /**
     * Whether {@code amount} (either sign) fits with at most {@code fractionDigits} decimal places. Never
     * throws and never does work proportional to the exponent ({@code 1e2147483647}).
     */
    public static AmountCheck checkAmount(BigDecimal amount, int fractionDigits) {
        if (amount.signum() == 0) {
            return AmountCheck.OK;
        }
        if (amount.precision() > MAX_WRITTEN_DIGITS) {
            return AmountCheck.TOO_MANY_DIGITS;
        }
        long integerDigits = (long) amount.precision() - (long) amount.scale();
        if (integerDigits > MAX_INTEGER_DIGITS) {
            return AmountCheck.TOO_LARGE;
        }
        // precision <= 40 here, so stripping is cheap; the scale may still be huge (1e-2147483647).
        return amount.stripTrailingZeros().scale() > fractionDigits ? AmountCheck.TOO_MANY_DECIMALS : AmountCheck.OK;
    }

    /** Why {@code amount} is not a contract amount (a phrase after the field's name), or null when it is. */
    public static String amountProblem(BigDecimal amount, int fractionDigits) {
        return switch (checkAmount(amount, fractionDigits)) {
            case OK -> null;
            case TOO_MANY_DIGITS -> "has more than " + MAX_WRITTEN_DIGITS + " significant digits";
            case TOO_LARGE -> "is too large (at most " + MAX_INTEGER_DIGITS + " digits before the decimal point)";
            case TOO_MANY_DECIMALS -> (amount.stripTrailingZeros().scale() <= MAX_WRITTEN_DIGITS ? amount.toPlainString()
                    : amount.toString()) + " has more than " + fractionDigits + " decimal places";
        };
    }

    /**
     * The amount at exactly {@code fractionDigits} decimal places; only for an amount
     * {@link #amountProblem} accepted (never rounds).
     */
    public static BigDecimal atScale(BigDecimal amount, int fractionDigits) {
        if (amount.signum() == 0) {
            return BigDecimal.ZERO.setScale(fractionDigits);
        }
        return amount.stripTrailingZeros().setScale(fractionDigits, java.math.RoundingMode.UNNECESSARY);
    }

    /** Whether the text holds a control character (C0, DEL, C1) or a lone UTF-16 surrogate. */
    public static boolean hasForbiddenCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return true;
            }
            if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The path of the first field name or string value in {@code node} holding a control character or
     * a lone surrogate ({@code payload.currency}), or null when there is none.
     */
    public static String forbiddenCharacterPath(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return hasForbiddenCharacter(node.textValue()) ? path : null;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = forbiddenCharacterPath(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (hasForbiddenCharacter(field.getKey())) {
                    return path + " (a field name)";
                }
                String found = forbiddenCharacterPath(field.getValue(), path + "." + field.getKey());
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Text safe to store and log: control characters and lone surrogates written as {@code \\uXXXX}. */
    public static String printable(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxLength) + 16);
        int i = 0;
        for (; i < text.length() && out.length() < maxLength; i++) {
            char c = text.charAt(i);
            boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pairedHigh) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        if (i < text.length()) {
            out.append("...");
        }
        return out.toString();
    }
}
