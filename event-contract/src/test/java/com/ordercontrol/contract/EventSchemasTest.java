package com.ordercontrol.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schemas and the Java parser ({@link EventEnvelope#parse}, {@link OrderPaid#fromEvent}) judge
 * the same corpus the same way, and the few rules only one side can state are listed, each with the side
 * that refuses.
 */
class EventSchemasTest {

    private static final EventSchemas SCHEMAS = EventSchemas.shared();
    private static final String AT = "2026-11-24T12:00:00Z";

    /** An order_paid payload of one card payment; each override replaces a placeholder's JSON text. */
    static String paid(Map<String, String> overrides) {
        Map<String, String> v = new java.util.HashMap<>(Map.of("orderId", "\"ord-1\"", "orderNumber", "1042",
                "currency", "\"USD\"", "total", "\"12.99\"", "paymentId", "\"pay-1\"", "method", "\"card\"",
                "amount", "\"12.99\"", "tip", "\"2.00\"", "paidAt", "\"" + AT + "\"", "extra", ""));
        v.putAll(overrides);
        return "{\"orderId\":" + v.get("orderId") + ",\"orderNumber\":" + v.get("orderNumber") + ",\"currency\":"
                + v.get("currency") + ",\"total\":" + v.get("total") + ",\"payments\":[{\"paymentId\":"
                + v.get("paymentId") + ",\"method\":" + v.get("method") + ",\"amount\":" + v.get("amount")
                + ",\"tip\":" + v.get("tip") + ",\"paidAt\":" + v.get("paidAt") + "}]" + v.get("extra") + "}";
    }

    static String event(String type, String occurredAt, String payload) {
        return "{\"eventId\":\"evt-1\",\"eventType\":\"" + type + "\",\"venueId\":\"venue-1\",\"occurredAt\":\""
                + occurredAt + "\",\"payload\":" + payload + "}";
    }

    static String paidEvent(Map<String, String> overrides) {
        return event("order_paid", AT, paid(overrides));
    }

    static Stream<Arguments> orderPaidCorpus() {
        List<Arguments> cases = new ArrayList<>();
        // valid
        cases.add(Arguments.of("the wire contract's example", paidEvent(Map.of()), true));
        cases.add(Arguments.of("amounts as JSON numbers", paidEvent(Map.of("total", "12.99", "amount", "12.99", "tip", "2")), true));
        cases.add(Arguments.of("orderNumber as a numeric string", paidEvent(Map.of("orderNumber", "\"1042\"")), true));
        cases.add(Arguments.of("tip absent", paidEvent(Map.of("tip", "null")).replace(",\"tip\":null", ""), true));
        cases.add(Arguments.of("tip null", paidEvent(Map.of("tip", "null")), true));
        cases.add(Arguments.of("trailing zeros", paidEvent(Map.of("total", "\"12.9900000000\"", "amount", "12.990")), true));
        cases.add(Arguments.of("12 integer digits", paidEvent(Map.of("total", "\"999999999999.99\"", "amount", "999999999999.99")), true));
        cases.add(Arguments.of("JPY whole amounts", paidEvent(Map.of("currency", "\"JPY\"", "total", "\"1000\"", "amount", "1000", "tip", "\"0\"")), true));
        cases.add(Arguments.of("offset and nanoseconds", paidEvent(Map.of("paidAt", "\"2026-11-24T13:00:00.123456789+01:00\"")), true));
        cases.add(Arguments.of("lower-case t and z", paidEvent(Map.of("paidAt", "\"2026-11-24t12:00:00z\"")), true));
        cases.add(Arguments.of("extra printable fields", paidEvent(Map.of("extra", ",\"note\":\"caf\u00e9 \uD83D\uDE00\",\"x\":[1,{\"y\":true}]")), true));
        cases.add(Arguments.of("orderNumber zero", paidEvent(Map.of("orderNumber", "0")), true));
        // invalid on both sides
        cases.add(Arguments.of("3 decimals as a string", paidEvent(Map.of("total", "\"12.999\"", "amount", "\"12.999\"")), false));
        cases.add(Arguments.of("3 decimals as a number", paidEvent(Map.of("total", "12.999", "amount", "12.999")), false));
        cases.add(Arguments.of("JPY with cents", paidEvent(Map.of("currency", "\"JPY\"", "total", "\"10.50\"", "amount", "\"10.50\"", "tip", "0")), false));
        cases.add(Arguments.of("13 integer digits", paidEvent(Map.of("total", "\"1000000000000\"", "amount", "1000000000000")), false));
        cases.add(Arguments.of("zero amount", paidEvent(Map.of("total", "\"0\"", "amount", "\"0.00\"")), false));
        cases.add(Arguments.of("negative tip", paidEvent(Map.of("tip", "\"-1.00\"")), false));
        cases.add(Arguments.of("negative number tip", paidEvent(Map.of("tip", "-0.01")), false));
        cases.add(Arguments.of("amount with a plus sign", paidEvent(Map.of("total", "\"+12.99\"", "amount", "\"+12.99\"")), false));
        cases.add(Arguments.of("amount 1e2147483647", paidEvent(Map.of("total", "1e2147483647", "amount", "1e2147483647")), false));
        cases.add(Arguments.of("amount 1e-2147483647", paidEvent(Map.of("amount", "1e-2147483647")), false));
        cases.add(Arguments.of("tip 1e1000", paidEvent(Map.of("tip", "1e1000")), false));
        cases.add(Arguments.of("orderNumber negative", paidEvent(Map.of("orderNumber", "-1")), false));
        cases.add(Arguments.of("orderNumber 19 digits as a string", paidEvent(Map.of("orderNumber", "\"1234567890123456789\"")), false));
        cases.add(Arguments.of("orderNumber past 2^63-1", paidEvent(Map.of("orderNumber", "9223372036854775808")), false));
        cases.add(Arguments.of("orderNumber a fraction", paidEvent(Map.of("orderNumber", "7.5")), false));
        cases.add(Arguments.of("orderId with a space", paidEvent(Map.of("orderId", "\"ord 1\"")), false));
        cases.add(Arguments.of("orderId of 129 characters", paidEvent(Map.of("orderId", "\"" + "a".repeat(129) + "\"")), false));
        cases.add(Arguments.of("paymentId missing", paidEvent(Map.of()).replace("\"paymentId\":\"pay-1\",", ""), false));
        cases.add(Arguments.of("method upper-case", paidEvent(Map.of("method", "\"Card\"")), false));
        cases.add(Arguments.of("method with a trailing newline", paidEvent(Map.of("method", "\"card\\n\"")), false));
        cases.add(Arguments.of("currency lower-case", paidEvent(Map.of("currency", "\"usd\"")), false));
        cases.add(Arguments.of("currency with 3 decimals", paidEvent(Map.of("currency", "\"KWD\"")), false));
        cases.add(Arguments.of("currency without a minor unit", paidEvent(Map.of("currency", "\"XAU\"")), false));
        cases.add(Arguments.of("payments empty", paidEvent(Map.of()).replaceAll("\\[\\{.*\\}\\]", "[]"), false));
        cases.add(Arguments.of("payments not an array", paidEvent(Map.of()).replaceAll("\\[\\{.*\\}\\]", "{}"), false));
        cases.add(Arguments.of("paidAt before 2000", paidEvent(Map.of("paidAt", "\"1999-12-31T23:59:59Z\"")), false));
        cases.add(Arguments.of("paidAt in 2100", paidEvent(Map.of("paidAt", "\"2100-01-01T00:00:00Z\"")), false));
        cases.add(Arguments.of("paidAt without offset", paidEvent(Map.of("paidAt", "\"2026-11-24T12:00:00\"")), false));
        cases.add(Arguments.of("paidAt a number", paidEvent(Map.of("paidAt", "1764000000")), false));
        cases.add(Arguments.of("occurredAt before 2000", event("order_paid", "1999-01-01T00:00:00Z", paid(Map.of())), false));
        cases.add(Arguments.of("an extra field's value with a control character", paidEvent(Map.of("extra", ",\"note\":\"a\\u001bb\"")), false));
        cases.add(Arguments.of("an extra field's name with a control character", paidEvent(Map.of("extra", ",\"n\\u0000\":1")), false));
        cases.add(Arguments.of("a nested extra string with a lone surrogate", paidEvent(Map.of("extra", ",\"x\":[{\"y\":\"\\ud800\"}]")), false));
        cases.add(Arguments.of("payload an array", event("order_paid", AT, "[]"), false));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderPaidCorpus")
    void schemaAndJavaParserAgree(String name, String json, boolean valid) throws IOException {
        assertThat(SCHEMAS.violations(ContractJson.read(json))).as("schema violations").satisfies(v -> {
            if (valid) {
                assertThat(v).isEmpty();
            } else {
                assertThat(v).isNotEmpty();
            }
        });
        assertThat(javaRefusal(json)).as("Java parser's refusal").satisfies(r -> {
            if (valid) {
                assertThat(r).isNull();
            } else {
                assertThat(r).isNotNull();
            }
        });
    }

    /**
     * What only one side can state. JSON Schema cannot see how a number was written, nor compare
     * values with each other; the Java parser reads ISO-8601 a little more widely than RFC 3339.
     */
    static Stream<Arguments> oneSidedRules() {
        return Stream.of(
                // refused by Java only
                Arguments.of("payments do not sum to total", paidEvent(Map.of("total", "\"13.00\"")), "java"),
                Arguments.of("a paymentId repeats", paidEvent(Map.of("total", "\"25.98\"")).replace("}]",
                        "},{\"paymentId\":\"pay-1\",\"method\":\"cash\",\"amount\":\"12.99\",\"paidAt\":\"" + AT + "\"}]"), "java"),
                Arguments.of("a code not in ISO 4217", paidEvent(Map.of("currency", "\"ABC\"")), "java"),
                Arguments.of("paidAt after 2100 in UTC by its offset", paidEvent(Map.of("paidAt", "\"2099-12-31T23:30:00-01:00\"")), "java"),
                Arguments.of("orderNumber 7.0 (an integer to JSON Schema)", paidEvent(Map.of("orderNumber", "7.0")), "java"),
                Arguments.of("a JSON number of 41 significant digits", paidEvent(Map.of("amount", "12.990000000000000000000000000000000000000")), "java"),
                // refused by the schema only
                Arguments.of("paidAt without seconds (not RFC 3339)", paidEvent(Map.of("paidAt", "\"2026-11-24T12:00Z\"")), "schema"),
                Arguments.of("an offset with seconds (not RFC 3339)", paidEvent(Map.of("paidAt", "\"2026-11-24T12:00:00+01:00:30\"")), "schema"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneSidedRules")
    void theRulesOnlyOneSideCanStateAreRefusedByThatSide(String name, String json, String refusedBy) throws IOException {
        boolean schemaRefuses = !SCHEMAS.violations(ContractJson.read(json)).isEmpty();
        boolean javaRefuses = javaRefusal(json) != null;
        assertThat(schemaRefuses).as("schema refuses").isEqualTo(refusedBy.equals("schema"));
        assertThat(javaRefuses).as("Java refuses").isEqualTo(refusedBy.equals("java"));
    }

    @Test
    void everyCurrencyOfTheJdkIsJudgedAlikeWithTheMinorDigitsOfItsAmounts() throws IOException {
        for (Currency currency : Currency.getAvailableCurrencies()) {
            for (String amount : List.of("\"100\"", "\"100.5\"", "100.25")) {
                String json = paidEvent(Map.of("currency", "\"" + currency.getCurrencyCode() + "\"", "total", amount,
                        "amount", amount, "tip", "0"));
                boolean schemaAccepts = SCHEMAS.violations(ContractJson.read(json)).isEmpty();
                assertThat(schemaAccepts).as("%s %s: schema accepts, Java says %s", currency, amount, javaRefusal(json))
                        .isEqualTo(javaRefusal(json) == null);
            }
        }
    }

    @Test
    void whatTheJavaWriterProducesConforms() {
        Instant at = Instant.parse("2026-11-24T18:22:03.123456Z");
        List<OrderPaid> written = List.of(
                new OrderPaid("5b0c2f6e-0d7b-4a59-9a2e-2f7c1f0e8a11", 1001, "USD", new BigDecimal("35.00"), List.of(
                        new PaymentLine("9a7f0c1e-1111-4c3a-8f00-000000000001", "card", new BigDecimal("25.00"),
                                new BigDecimal("4.00"), at),
                        new PaymentLine("9a7f0c1e-1111-4c3a-8f00-000000000002", "cash", new BigDecimal("10.00"),
                                BigDecimal.ZERO.setScale(2), at))),
                new OrderPaid("ord-jpy", 7, "JPY", new BigDecimal("1000"),
                        List.of(new PaymentLine("pay-jpy", "gift_card", new BigDecimal("1000"), BigDecimal.ZERO, at))));
        for (OrderPaid paid : written) {
            // As the relay sends it: EventEnvelope.toJson() of the outbox row.
            byte[] body = new EventEnvelope("e41d0000-0000-4000-8000-000000000001", EventEnvelope.ORDER_PAID, "venue-1",
                    at, paid.toJson()).toJson();
            assertThat(SCHEMAS.violation(read(body))).as(new String(body, StandardCharsets.UTF_8)).isNull();
            assertThat(javaRefusal(new String(body, StandardCharsets.UTF_8))).isNull();
        }
    }

    @Test
    void theReasonIsTheValidatorsMessageNamingTheFieldPrintableAndShort() throws IOException {
        String reason = SCHEMAS.violation(ContractJson.read(paidEvent(Map.of("method", "\"Card\""))));
        assertThat(reason).isEqualTo("/payload/payments/0/method: must be a lower-case word of at most 32 characters (a-z, 0-9, _)");

        String many = SCHEMAS.violation(ContractJson.read(paidEvent(Map.of("currency", "\"usd\"", "orderId", "\"a b\"",
                "extra", ",\"" + "\\u0007".repeat(400) + "\":\"" + "\\u0001".repeat(2000) + "\""))));
        assertThat(many).doesNotContain("\u0007", "\u0001").contains(" more)");
        assertThat(many.length()).isLessThan(400);
    }

    @Test
    void hostileNumbersAreJudgedQuickly() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (String n : List.of("1e2147483647", "-1e2147483647", "1e-2147483647", "123e-1000000", "1e1000000",
                    "9".repeat(999), "0." + "0".repeat(990) + "1")) {
                assertThat(SCHEMAS.violation(ContractJson.read(paidEvent(Map.of("total", n, "amount", n, "tip", n,
                        "orderNumber", n))))).as(n).isNotNull();
            }
        });
    }

    @Test
    void orderRefundedPayloadsFollowTheContract() throws IOException {
        String ok = refund(Map.of());
        assertThat(SCHEMAS.violations(ContractJson.read(ok))).isEmpty();
        assertThat(SCHEMAS.violations(ContractJson.read(refund(Map.of("amount", "5", "orderNumber", "\"1042\""))))).isEmpty();
        assertThat(SCHEMAS.violations(ContractJson.read(refund(Map.of("currency", "\"JPY\"", "amount", "\"500\""))))).isEmpty();
        List<Map.Entry<Map<String, String>, String>> invalid = List.of(
                Map.entry(Map.of("amount", "\"0.00\""), "/payload/amount: must be greater than zero"),
                Map.entry(Map.of("amount", "\"5.001\""), "/payload/amount: must be a decimal string >= 0"),
                Map.entry(Map.of("amount", "-5"), "/payload/amount: must have a minimum value of 0"),
                Map.entry(Map.of("currency", "\"JPY\"", "amount", "\"5.50\""), "/payload/amount: must be a whole number"),
                Map.entry(Map.of("reason", "\"\""), "/payload/reason: must be at least 1 characters long"),
                Map.entry(Map.of("reason", "\"" + "x".repeat(201) + "\""), "/payload/reason: must be at most 200 characters long"),
                Map.entry(Map.of("reason", "\"wrong\\ndish\""), "/payload/reason: holds a control character"),
                Map.entry(Map.of("refundedAt", "\"1999-12-31T23:59:59Z\""), "/payload/refundedAt: must be an RFC 3339 date-time"),
                Map.entry(Map.of("method", "\"CARD\""), "/payload/method: must be a lower-case word"),
                Map.entry(Map.of("refundId", "\"r 1\""), "/payload/refundId: must be 1 to 128 of"),
                Map.entry(Map.of("currency", "\"eur\""), "/payload/currency: must be a 3-letter"),
                Map.entry(Map.of("paymentId", ""), "/payload: required property 'paymentId' not found"));
        for (Map.Entry<Map<String, String>, String> c : invalid) {
            assertThat(SCHEMAS.violation(ContractJson.read(refund(c.getKey())))).as("%s", c.getKey()).startsWith(c.getValue());
        }
    }

    /** An order_refunded event as in the contract; an empty override drops the field. */
    static String refund(Map<String, String> overrides) {
        Map<String, String> v = new java.util.LinkedHashMap<>();
        v.put("refundId", "\"ref-1\"");
        v.put("orderId", "\"ord-1\"");
        v.put("orderNumber", "1042");
        v.put("paymentId", "\"pay-1\"");
        v.put("method", "\"card\"");
        v.put("currency", "\"EUR\"");
        v.put("amount", "\"5.00\"");
        v.put("reason", "\"wrong dish\"");
        v.put("refundedAt", "\"2026-11-29T12:00:00Z\"");
        v.putAll(overrides);
        StringBuilder payload = new StringBuilder("{");
        v.forEach((k, value) -> {
            if (!value.isEmpty()) {
                payload.append(payload.length() == 1 ? "" : ",").append('"').append(k).append("\":").append(value);
            }
        });
        return event("order_refunded", "2026-11-29T12:00:00Z", payload.append('}').toString());
    }

    private static JsonNode read(byte[] body) {
        try {
            return ContractJson.read(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Java parser's reason for refusing an order_paid event, or null when it accepts it. */
    private static String javaRefusal(String json) {
        try {
            OrderPaid.fromEvent(EventEnvelope.parse(json.getBytes(StandardCharsets.UTF_8)));
            return null;
        } catch (MalformedEnvelopeException | InvalidPayloadException e) {
            return e.getMessage();
        }
    }
}
