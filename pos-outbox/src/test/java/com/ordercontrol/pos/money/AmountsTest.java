package com.ordercontrol.pos.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ordercontrol.pos.web.InvalidInputException;
import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class AmountsTest {

    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency JPY = Currency.getInstance("JPY");

    @Test
    void keepsAmountsExactAtTheCurrencyScale() {
        assertThat(Amounts.positive("a", new BigDecimal("12.9"), USD)).isEqualTo(new BigDecimal("12.90"));
        assertThat(Amounts.positive("a", new BigDecimal("0.01"), USD)).isEqualTo(new BigDecimal("0.01"));
        assertThat(Amounts.positive("a", new BigDecimal("1E+2"), USD)).isEqualTo(new BigDecimal("100.00"));
        assertThat(Amounts.positive("a", new BigDecimal("10.000"), USD)).isEqualTo(new BigDecimal("10.00"));
        assertThat(Amounts.positive("a", new BigDecimal("999999999999.99"), USD)).isEqualTo(new BigDecimal("999999999999.99"));
        assertThat(Amounts.positive("a", new BigDecimal("1500.00"), JPY)).isEqualTo(new BigDecimal("1500"));
        assertThat(Amounts.nonNegative("t", BigDecimal.ZERO, USD)).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void refusesWhatCannotBeStoredExactly() {
        assertThatThrownBy(() -> Amounts.positive("x.amount", new BigDecimal("0.005"), USD))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("x.amount has more decimal places than the 2 USD allows: 0.005");
        assertThatThrownBy(() -> Amounts.positive("x.amount", new BigDecimal("1.5"), JPY))
                .hasMessage("x.amount has more decimal places than the 0 JPY allows: 1.5");
        assertThatThrownBy(() -> Amounts.positive("x.amount", new BigDecimal("1000000000000"), USD))
                .hasMessageStartingWith("x.amount is too large");
        assertThatThrownBy(() -> Amounts.positive("x.amount", new BigDecimal("1E-1000000"), USD))
                .hasMessage("x.amount has more decimal places than the 2 USD allows");
        assertThatThrownBy(() -> Amounts.positive("x.amount", BigDecimal.ZERO, USD))
                .hasMessage("x.amount must be greater than zero but was 0.00");
        // issue 10: the same limits as the contract, checked without overflow (these used to be a 500)
        assertThatThrownBy(() -> Amounts.positive("x.amount", new BigDecimal("1E+2147483647"), USD))
                .hasMessageStartingWith("x.amount is too large");
        assertThatThrownBy(() -> Amounts.positive("x.amount", new BigDecimal("-1E+2147483647"), USD))
                .hasMessageStartingWith("x.amount is too large");
        assertThatThrownBy(() -> Amounts.positive("x.amount", new BigDecimal("0E-2147483647"), USD))
                .hasMessage("x.amount must be greater than zero but was 0.00");
        assertThatThrownBy(() -> Amounts.nonNegative("x.tip", new BigDecimal("-0.01"), USD))
                .hasMessage("x.tip must not be negative but was -0.01");
        assertThatThrownBy(() -> Amounts.positive("x.amount", null, USD))
                .hasMessageStartingWith("x.amount is required");
    }

    @Test
    void acceptsOnlyCurrenciesTheColumnsCanHold() {
        assertThat(Amounts.currency("c", "EUR")).isEqualTo(Currency.getInstance("EUR"));
        assertThat(Amounts.currency("c", "JPY")).isEqualTo(JPY);
        assertThatThrownBy(() -> Amounts.currency("c", "KWD")).hasMessage("c KWD has 3 decimal places; this POS stores amounts with at most 2");
        assertThatThrownBy(() -> Amounts.currency("c", "eur")).hasMessageStartingWith("c must be a 3-letter");
        assertThatThrownBy(() -> Amounts.currency("c", null)).hasMessageEndingWith("but was missing");
        assertThatThrownBy(() -> Amounts.currency("c", "ABC")).hasMessage("c ABC is not an ISO-4217 currency");
    }
}
