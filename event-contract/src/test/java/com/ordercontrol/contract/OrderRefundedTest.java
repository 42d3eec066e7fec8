package com.ordercontrol.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OrderRefundedTest {

    private static final String VALID = """
            {"refundId":"ref-1","orderId":"ord-1","orderNumber":1042,"paymentId":"pay-1","method":"card",
             "currency":"EUR","amount":"5.00","reason":"wrong dish","refundedAt":"2026-11-29T12:00:00Z"}""";

    private static ObjectNode valid() throws IOException {
        return (ObjectNode) ContractJson.read(VALID);
    }

    private static ObjectNode with(String field, JsonNode value) throws IOException {
        ObjectNode node = valid();
        if (value == null) {
            node.remove(field);
        } else {
            node.set(field, value);
        }
        return node;
    }

    private static JsonNode text(String value) {
        return ContractJson.mapper().getNodeFactory().textNode(value);
    }

    @Test
    void readsTheContractExampleExactlyAndWritesItBack() throws Exception {
        OrderRefunded refund = OrderRefunded.fromPayload(valid());

        assertThat(refund).isEqualTo(new OrderRefunded("ref-1", "ord-1", 1042, "pay-1", "card", "EUR",
                new BigDecimal("5.00"), "wrong dish", Instant.parse("2026-11-29T12:00:00Z")));
        assertThat(new String(ContractJson.write(refund.toJson()))).isEqualTo(VALID.replace("\n ", ""));
    }

    @Test
    void readsAmountsAndOrderNumbersAsNumbersOrStrings() throws Exception {
        ObjectNode payload = valid();
        payload.set("amount", ContractJson.read("5"));
        payload.put("orderNumber", "1042");
        OrderRefunded refund = OrderRefunded.fromPayload(payload);
        assertThat(refund.amount()).isEqualTo(new BigDecimal("5.00"));
        assertThat(refund.orderNumber()).isEqualTo(1042);
    }

    @Test
    void refusesEachBrokenFieldWithItsName() throws Exception {
        assertThatThrownBy(() -> OrderRefunded.fromPayload(with("refundId", null)))
                .isInstanceOf(InvalidPayloadException.class).hasMessage("refundId is required and must be a string");
        assertThatThrownBy(() -> OrderRefunded.fromPayload(with("paymentId", text("pay 1"))))
                .hasMessage("paymentId has an invalid value");
        assertThatThrownBy(() -> OrderRefunded.fromPayload(with("method", text("Card"))))
                .hasMessage("method has an invalid value");
        assertThatThrownBy(() -> OrderRefunded.fromPayload(with("amount", text("0.00"))))
                .hasMessage("amount must be greater than zero");
        assertThatThrownBy(() -> OrderRefunded.fromPayload(with("amount", text("-1.00"))))
                .hasMessage("amount must not be negative");
        assertThatThrownBy(() -> OrderRefunded.fromPayload(with("amount", text("5.001"))))
                .hasMessage("amount 5.001 has more than 2 decimal places");
        assertThatThrownBy(() -> OrderRefunded.fromPayload(with("amount", ContractJson.read("1234567890123.00"))))
                .hasMessage("amount is too large (at most 12 digits before the decimal point)");
        assertThatThrownBy(() -> OrderRefunded.fromPayload(with("currency", text("BHD"))))
                .hasMessage("currency BHD has 3 decimal places; the contract carries at most 2");
        assertThatThrownBy(() -> OrderRefunded.fromPayload(with("refundedAt", text("2100-01-01T00:00:00Z"))))
                .hasMessage("refundedAt must be from 2000-01-01T00:00:00Z to before 2100-01-01T00:00:00Z");
        assertThatThrownBy(() -> OrderRefunded.fromPayload(with("orderNumber", text("12a"))))
                .hasMessage("orderNumber is required and must be a whole number (or a numeric string)");
    }

    @Test
    void theReasonIsOneTo200CharactersWithoutControlCharacters() throws Exception {
        assertThatThrownBy(() -> OrderRefunded.fromPayload(with("reason", null)))
                .hasMessage("reason is required and must be a string");
        assertThatThrownBy(() -> OrderRefunded.fromPayload(with("reason", text(""))))
                .hasMessage("reason is required (1 to 200 characters)");
        assertThatThrownBy(() -> OrderRefunded.fromPayload(with("reason", text("x".repeat(201)))))
                .hasMessage("reason is longer than 200 characters");
        assertThatThrownBy(() -> OrderRefunded.fromPayload(with("reason", text("cold\u001bsoup"))))
                .hasMessage("payload.reason holds a control character or an invalid character");
        // 200 characters, some outside the BMP (two UTF-16 units each), are fine.
        assertThat(OrderRefunded.fromPayload(with("reason", text("\uD83C\uDF55".repeat(100) + "y".repeat(100))))
                .reason()).hasSize(300);
    }

    @Test
    void anOccurredAtOutsideTheContractRangeIsRefused() throws Exception {
        EventEnvelope envelope = new EventEnvelope("e1", EventEnvelope.ORDER_REFUNDED, "v1",
                Instant.parse("1999-12-31T23:59:59Z"), valid());
        assertThatThrownBy(() -> OrderRefunded.fromEvent(envelope))
                .hasMessage("occurredAt must be from 2000-01-01T00:00:00Z to before 2100-01-01T00:00:00Z");
    }
}
