package com.ordercontrol.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class OrderPaidTest {

    private static JsonNode json(String text) throws IOException {
        return ContractJson.read(text.replace('\'', '"'));
    }

    private static String payload(String orderNumber, String total, String amount, String tip) {
        return "{'orderId':'ord-1','orderNumber':" + orderNumber + ",'currency':'USD','total':" + total
                + ",'payments':[{'paymentId':'pay-1','method':'card','amount':" + amount + ",'tip':" + tip
                + ",'paidAt':'2026-02-19T18:22:03.120Z'}]}";
    }

    @Test
    void readsAmountsExactlyFromNumbersAndStrings() throws Exception {
        OrderPaid fromStrings = OrderPaid.fromPayload(json(payload("1042", "'12.99'", "'12.99'", "'2.00'")));
        OrderPaid fromNumbers = OrderPaid.fromPayload(json(payload("1042", "12.99", "12.99", "2")));
        assertThat(fromStrings.total()).isEqualTo(new BigDecimal("12.99"));
        assertThat(fromNumbers.payments().get(0).amount()).isEqualTo(new BigDecimal("12.99"));
        assertThat(fromNumbers.payments().get(0).tip()).isEqualTo(new BigDecimal("2.00"));
    }

    @Test
    void acceptsOrderNumberAsNumericString() throws Exception {
        assertThat(OrderPaid.fromPayload(json(payload("'1042'", "'12.99'", "'12.99'", "'0'"))).orderNumber())
                .isEqualTo(1042L);
    }

    @Test
    void refusesMoreDecimalsThanTheCurrencyHas() {
        assertThatThrownBy(() -> OrderPaid.fromPayload(json(payload("1", "'12.345'", "'12.345'", "'0'"))))
                .isInstanceOf(InvalidPayloadException.class).hasMessage("total 12.345 has more than 2 decimal places");
    }

    @Test
    void refusesAmountsThatDoNotSumToTheTotal() {
        assertThatThrownBy(() -> OrderPaid.fromPayload(json(payload("1", "'12.99'", "'12.00'", "'0'"))))
                .isInstanceOf(InvalidPayloadException.class).hasMessage("payment amounts sum to 12.00 but total is 12.99");
    }

    @Test
    void refusesMissingFieldsUnknownCurrencyAndEmptyPayments() {
        assertThatThrownBy(() -> OrderPaid.fromPayload(json("{'orderNumber':1}")))
                .hasMessage("orderId is required and must be a string");
        assertThatThrownBy(() -> OrderPaid.fromPayload(json(
                "{'orderId':'o','orderNumber':1,'currency':'XYZ','total':'1','payments':[]}")))
                .hasMessage("currency XYZ is not an ISO-4217 code");
        assertThatThrownBy(() -> OrderPaid.fromPayload(json(
                "{'orderId':'o','orderNumber':1,'currency':'USD','total':'1','payments':[]}")))
                .hasMessage("payments must be a non-empty array");
        assertThatThrownBy(() -> OrderPaid.fromPayload(json(payload("'12a'", "'1'", "'1'", "'0'"))))
                .hasMessageStartingWith("orderNumber is required");
    }
}
