package com.ordercontrol.pos.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ordercontrol.pos.web.InvalidInputException;
import com.ordercontrol.pos.web.UnprocessableException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidPaymentTest {

    private static final Currency USD = Currency.getInstance("USD");

    @Test
    void splitPaymentsSummingToTheTotalPassWithTipsOnTop() {
        List<ValidPayment> lines = ValidPayment.validate(request(
                line("card", "0.10", "1.00"), line("card", "0.20", null), line("cash", "12.69", "0")),
                USD, new BigDecimal("12.99"));

        assertThat(lines).containsExactly(
                new ValidPayment("card", new BigDecimal("0.10"), new BigDecimal("1.00")),
                new ValidPayment("card", new BigDecimal("0.20"), new BigDecimal("0.00")),
                new ValidPayment("cash", new BigDecimal("12.69"), new BigDecimal("0.00")));
    }

    @Test
    void amountsMustSumToTheTotalExactly() {
        assertThatThrownBy(() -> ValidPayment.validate(request(line("card", "12.98", "0.01")), USD, new BigDecimal("12.99")))
                .isInstanceOf(UnprocessableException.class)
                .hasMessageStartingWith("payment amounts sum to 12.98 USD but the order total is 12.99");
        assertThatThrownBy(() -> ValidPayment.validate(request(line("card", "13.00", null)), USD, new BigDecimal("12.99")))
                .isInstanceOf(UnprocessableException.class);
    }

    @Test
    void fieldErrorsNameTheLine() {
        BigDecimal total = new BigDecimal("1.00");
        assertThatThrownBy(() -> ValidPayment.validate(null, USD, total)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("request body is required");
        assertThatThrownBy(() -> ValidPayment.validate(new PayRequest(List.of()), USD, total))
                .hasMessage("payments is required and must be a non-empty list");
        assertThatThrownBy(() -> ValidPayment.validate(new PayRequest(null), USD, total))
                .hasMessage("payments is required and must be a non-empty list");
        assertThatThrownBy(() -> ValidPayment.validate(request(line("card", "1.00", null), line("cash", "-1", null)), USD, total))
                .hasMessageStartingWith("payments[1].amount must be greater than zero");
        assertThatThrownBy(() -> ValidPayment.validate(request(line("gift card", "1.00", null)), USD, total))
                .hasMessageStartingWith("payments[0].method is required and must be a lower-case word");
        assertThatThrownBy(() -> ValidPayment.validate(request(line(null, "1.00", null)), USD, total))
                .hasMessageStartingWith("payments[0].method is required");
        assertThatThrownBy(() -> ValidPayment.validate(request(line("card", "1.00", "0.001")), USD, total))
                .hasMessageStartingWith("payments[0].tip has more decimal places");
        List<PayRequest.Line> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> ValidPayment.validate(new PayRequest(withNull), USD, total))
                .hasMessageStartingWith("payments[0] must be an object");
    }

    @Test
    void boundsTheNumberOfLines() {
        List<PayRequest.Line> many = Collections.nCopies(ValidPayment.MAX_PAYMENTS + 1, line("cash", "0.01", null));
        assertThatThrownBy(() -> ValidPayment.validate(new PayRequest(many), USD, new BigDecimal("1.01")))
                .hasMessage("payments has 101 lines; at most 100");
    }

    private static PayRequest request(PayRequest.Line... lines) {
        return new PayRequest(List.of(lines));
    }

    private static PayRequest.Line line(String method, String amount, String tip) {
        return new PayRequest.Line(method, amount == null ? null : new BigDecimal(amount), tip == null ? null : new BigDecimal(tip));
    }
}
