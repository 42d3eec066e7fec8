package com.ordercontrol.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: values that used to pass the contract and then failed in the database or in BigDecimal
 * arithmetic (halting the consumer) are refused by the contract itself, with a reason, quickly.
 */
class PoisonPayloadTest {

    private static final String OK_TIME = "2026-02-19T18:22:03.120Z";

    private static String envelope(String occurredAt, String currency, String total, String amount, String paidAt,
            String orderNumber) {
        return "{\"eventId\":\"evt-1\",\"eventType\":\"order_paid\",\"venueId\":\"venue-1\",\"occurredAt\":\""
                + occurredAt + "\",\"payload\":{\"orderId\":\"ord-1\",\"orderNumber\":" + orderNumber
                + ",\"currency\":\"" + currency + "\",\"total\":" + total + ",\"payments\":[{\"paymentId\":\"pay-1\","
                + "\"method\":\"card\",\"amount\":" + amount + ",\"tip\":\"0\",\"paidAt\":\"" + paidAt + "\"}]}}";
    }

    private static OrderPaid read(String envelope) throws Exception {
        return OrderPaid.fromEvent(EventEnvelope.parse(envelope.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aValidEventStillPasses() throws Exception {
        OrderPaid paid = read(envelope(OK_TIME, "USD", "\"999999999999.99\"", "999999999999.99", OK_TIME, "1042"));
        assertThat(paid.total()).isEqualTo(new BigDecimal("999999999999.99"));
        assertThat(read(envelope("2000-01-01T00:00:00Z", "JPY", "1000", "1e3", "2099-12-31T23:59:59.999Z", "1"))
                .total()).isEqualTo(new BigDecimal("1000"));
    }

    @Test
    void refusesANulOrAnyControlCharacterInTextAndNeverEchoesIt() {
        assertThatThrownBy(() -> read(envelope(OK_TIME, "U\\u0000D", "\"1.00\"", "\"1.00\"", OK_TIME, "1")))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessage("payload.currency holds a control character or an invalid character");
        String withNulInAnUnknownField = envelope(OK_TIME, "USD", "\"1.00\"", "\"1.00\"", OK_TIME, "1")
                .replace("\"orderId\"", "\"note\":\"tab\\there\",\"orderId\"");
        assertThatThrownBy(() -> read(withNulInAnUnknownField)).hasMessage(
                "payload.note holds a control character or an invalid character");
        assertThatThrownBy(() -> read(envelope(OK_TIME, "USD", "\"1.00\"", "\"1.00\"", OK_TIME, "1")
                .replace("\"card\"", "\"ca\\u007frd\""))).hasMessage(
                        "payload.payments[0].method holds a control character or an invalid character");
        assertThatThrownBy(() -> read(envelope(OK_TIME, "USD", "\"1.00\"", "\"1.00\"", OK_TIME, "1")
                .replace("\"ord-1\"", "\"ord\\ud800\""))).hasMessage(
                        "payload.orderId holds a control character or an invalid character");
        assertThatThrownBy(() -> read(envelope(OK_TIME, "usd", "\"1.00\"", "\"1.00\"", OK_TIME, "1")))
                .hasMessage("currency is required and must be a 3-letter upper-case ISO-4217 code");
    }

    @Test
    void refusesTimestampsOutside2000To2100() {
        assertThatThrownBy(() -> read(envelope("+300000-01-01T00:00:00Z", "USD", "\"1.00\"", "\"1.00\"", OK_TIME, "1")))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessage("occurredAt must be from 2000-01-01T00:00:00Z to before 2100-01-01T00:00:00Z");
        assertThatThrownBy(() -> read(envelope(OK_TIME, "USD", "\"1.00\"", "\"1.00\"", "+300000-01-01T00:00:00Z", "1")))
                .hasMessage("payments[0].paidAt must be from 2000-01-01T00:00:00Z to before 2100-01-01T00:00:00Z");
        assertThatThrownBy(() -> read(envelope(OK_TIME, "USD", "\"1.00\"", "\"1.00\"", "1999-12-31T23:59:59Z", "1")))
                .hasMessageStartingWith("payments[0].paidAt must be from");
        assertThatThrownBy(() -> read(envelope(OK_TIME, "USD", "\"1.00\"", "\"1.00\"", "2100-01-01T00:00:00Z", "1")))
                .hasMessageStartingWith("payments[0].paidAt must be from");
    }

    @Test
    void refusesHugeExponentsQuicklyWithoutArithmeticOverflow() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> read(envelope(OK_TIME, "USD", "1e2147483647", "1e2147483647", OK_TIME, "1")))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessage("total is too large (at most 12 digits before the decimal point)");
        assertThatThrownBy(() -> read(envelope(OK_TIME, "USD", "1e-2147483647", "1e-2147483647", OK_TIME, "1")))
                .hasMessage("total 1E-2147483647 has more than 2 decimal places");
        assertThatThrownBy(() -> read(envelope(OK_TIME, "USD", "\"1.00\"", "1e2147483647", OK_TIME, "1")))
                .hasMessage("payments[0].amount is too large (at most 12 digits before the decimal point)");
        assertThatThrownBy(() -> read(envelope(OK_TIME, "USD", "1" + "0".repeat(60), "1", OK_TIME, "1")))
                .hasMessage("total has more than 40 significant digits");
        assertThat(System.nanoTime() - started).isLessThan(2_000_000_000L);
    }

    @Test
    void amountsFitThePosColumnsTwelveIntegerDigitsAndTwoDecimals() {
        assertThatThrownBy(() -> read(envelope(OK_TIME, "USD", "\"1000000000000.00\"", "\"1000000000000.00\"", OK_TIME, "1")))
                .hasMessage("total is required and must be a decimal number or string");
        assertThatThrownBy(() -> read(envelope(OK_TIME, "USD", "1000000000000", "1000000000000", OK_TIME, "1")))
                .hasMessage("total is too large (at most 12 digits before the decimal point)");
        assertThatThrownBy(() -> read(envelope(OK_TIME, "BHD", "\"1.234\"", "\"1.234\"", OK_TIME, "1")))
                .hasMessage("currency BHD has 3 decimal places; the contract carries at most 2");
    }

    @Test
    void refusesOrderNumbersBeyondALong() {
        assertThatThrownBy(() -> read(envelope(OK_TIME, "USD", "\"1.00\"", "\"1.00\"", OK_TIME, "92233720368547758070")))
                .hasMessageStartingWith("orderNumber is required");
        assertThatThrownBy(() -> read(envelope(OK_TIME, "USD", "\"1.00\"", "\"1.00\"", OK_TIME, "\"9999999999999999999\"")))
                .hasMessageStartingWith("orderNumber is required");
    }

    @Test
    void duplicateKeysMakeTheBodyUnreadable() throws Exception {
        String twice = "{\"eventId\":\"e1\",\"eventType\":\"order_paid\",\"venueId\":\"venue-1\",\"venueId\":\"venue-2\","
                + "\"occurredAt\":\"" + OK_TIME + "\",\"payload\":{}}";
        assertThatThrownBy(() -> EventEnvelope.parse(twice.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEnvelopeException.class)
                .hasMessage("body is not valid JSON: an object repeats a key");
        assertThatThrownBy(() -> ContractJson.read("{\"payload\":{\"total\":1,\"total\":2}}"))
                .hasMessageStartingWith("Duplicate field 'total'");
        JsonNode fine = ContractJson.read("{\"a\":{\"total\":1},\"b\":{\"total\":2}}");
        assertThat(fine.get("b").get("total").intValue()).isEqualTo(2);
    }

    @Test
    void printableWritesControlCharactersAsEscapesAndBoundsTheLength() {
        assertThat(ContractLimits.printable("U\u0000D\u001b[31m\ud800", 100)).isEqualTo("U\\u0000D\\u001B[31m\\uD800");
        assertThat(ContractLimits.printable("x".repeat(50), 10)).isEqualTo("xxxxxxxxxx...");
        assertThat(ContractLimits.printable("caf\u00e9 \ud83d\ude00", 100)).isEqualTo("caf\u00e9 \ud83d\ude00");
    }
}
