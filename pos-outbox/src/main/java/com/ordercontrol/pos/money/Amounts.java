package com.ordercontrol.pos.money;

import com.ordercontrol.contract.ContractLimits;
import com.ordercontrol.pos.web.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.regex.Pattern;

/**
 * The POS's money rules. Amounts are exact {@link BigDecimal}s with no more decimal places than their
 * currency has, and fit the {@code numeric(14,2)} columns. Every failure names the field.
 */
public final class Amounts {

    /** The money columns are numeric(14,2): 12 digits before the point, 2 after; the contract's own limits. */
    private static final int MAX_INTEGER_DIGITS = ContractLimits.MAX_INTEGER_DIGITS;
    private static final int MAX_FRACTION_DIGITS = ContractLimits.MAX_FRACTION_DIGITS;
    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    private Amounts() {
    }

    /** An ISO-4217 currency whose minor unit the money columns can hold (0 to 2 decimal places). */
    public static Currency currency(String field, String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new InvalidInputException(field + " must be a 3-letter upper-case ISO-4217 code but was "
                    + quoted(code));
        }
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field + " " + code + " is not an ISO-4217 currency");
        }
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0 || digits > MAX_FRACTION_DIGITS) {
            throw new InvalidInputException(field + " " + code + " has " + digits
                    + " decimal places; this POS stores amounts with at most " + MAX_FRACTION_DIGITS);
        }
        return currency;
    }

    /** A required amount greater than zero, at the currency's scale. */
    public static BigDecimal positive(String field, BigDecimal value, Currency currency) {
        BigDecimal amount = exact(field, value, currency);
        if (amount.signum() <= 0) {
            throw new InvalidInputException(field + " must be greater than zero but was " + amount.toPlainString());
        }
        return amount;
    }

    /** A required amount of zero or more, at the currency's scale. */
    public static BigDecimal nonNegative(String field, BigDecimal value, Currency currency) {
        BigDecimal amount = exact(field, value, currency);
        if (amount.signum() < 0) {
            throw new InvalidInputException(field + " must not be negative but was " + amount.toPlainString());
        }
        return amount;
    }

    /** A stored amount at its currency's scale ({@code 1000.00} JPY is {@code 1000}); never rounds. */
    public static BigDecimal atCurrencyScale(BigDecimal stored, String currencyCode) {
        return stored.setScale(Currency.getInstance(currencyCode).getDefaultFractionDigits(), RoundingMode.UNNECESSARY);
    }

    private static BigDecimal exact(String field, BigDecimal value, Currency currency) {
        if (value == null) {
            throw new InvalidInputException(field + " is required (a decimal number or string, e.g. \"12.99\")");
        }
        int digits = currency.getDefaultFractionDigits();
        // The contract's check: sizes in long arithmetic before any rescale, so 1e2147483647 is a 400, not a 500.
        switch (ContractLimits.checkAmount(value, digits)) {
            case TOO_LARGE, TOO_MANY_DIGITS -> throw new InvalidInputException(field + " is too large (at most "
                    + MAX_INTEGER_DIGITS + " digits before the decimal point, " + ContractLimits.MAX_WRITTEN_DIGITS
                    + " digits in all)");
            case TOO_MANY_DECIMALS -> throw new InvalidInputException(field + " has more decimal places than the "
                    + digits + " " + currency.getCurrencyCode() + " allows"
                    + (value.stripTrailingZeros().scale() <= 20 ? ": " + value.toPlainString() : ""));
            case OK -> {
            }
        }
        return ContractLimits.atScale(value, digits);
    }

    private static String quoted(String value) {
        return value == null ? "missing" : "'" + value + "'";
    }
}
