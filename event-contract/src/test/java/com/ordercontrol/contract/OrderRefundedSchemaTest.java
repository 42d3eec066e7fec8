package com.ordercontrol.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** order_refunded.schema.json and {@link OrderRefunded#fromEvent} judge the same corpus the same way. */
class OrderRefundedSchemaTest {

    static Stream<Arguments> corpus() {
        return Stream.of(
                Arguments.of("the contract's example", Map.of(), true),
                Arguments.of("amount a JSON number", Map.of("amount", "5"), true),
                Arguments.of("orderNumber a digit string", Map.of("orderNumber", "\"1042\""), true),
                Arguments.of("JPY whole amount", Map.of("currency", "\"JPY\"", "amount", "\"500\""), true),
                Arguments.of("reason of 200 characters", Map.of("reason", "\"" + "x".repeat(200) + "\""), true),
                Arguments.of("reason of 200 emoji", Map.of("reason", "\"" + "\uD83D\uDE00".repeat(200) + "\""), true),
                Arguments.of("an extra field", Map.of("note", "\"ok\""), true),
                Arguments.of("amount zero", Map.of("amount", "\"0.00\""), false),
                Arguments.of("amount negative", Map.of("amount", "\"-1.00\""), false),
                Arguments.of("amount 3 decimals", Map.of("amount", "\"5.001\""), false),
                Arguments.of("amount 1e2147483647", Map.of("amount", "1e2147483647"), false),
                Arguments.of("JPY with cents", Map.of("currency", "\"JPY\"", "amount", "\"5.50\""), false),
                Arguments.of("currency KWD", Map.of("currency", "\"KWD\""), false),
                Arguments.of("reason empty", Map.of("reason", "\"\""), false),
                Arguments.of("reason of 201 characters", Map.of("reason", "\"" + "x".repeat(201) + "\""), false),
                Arguments.of("reason with a newline", Map.of("reason", "\"wrong\\ndish\""), false),
                Arguments.of("reason missing", Map.of("reason", ""), false),
                Arguments.of("reason a number", Map.of("reason", "5"), false),
                Arguments.of("refundedAt before 2000", Map.of("refundedAt", "\"1999-12-31T23:59:59Z\""), false),
                Arguments.of("refundedAt without offset", Map.of("refundedAt", "\"2026-11-29T12:00:00\""), false),
                Arguments.of("method upper-case", Map.of("method", "\"CARD\""), false),
                Arguments.of("refundId with a space", Map.of("refundId", "\"r 1\""), false),
                Arguments.of("paymentId missing", Map.of("paymentId", ""), false),
                Arguments.of("orderNumber negative", Map.of("orderNumber", "-1"), false),
                Arguments.of("an extra field with a control character", Map.of("note", "\"a\\u0000\""), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void schemaAndJavaParserAgree(String name, Map<String, String> overrides, boolean valid) throws IOException {
        String json = EventSchemasTest.refund(overrides);
        assertThat(EventSchemas.shared().violations(ContractJson.read(json)).isEmpty()).as("schema accepts").isEqualTo(valid);
        String javaRefusal;
        try {
            OrderRefunded.fromEvent(EventEnvelope.parse(json.getBytes(StandardCharsets.UTF_8)));
            javaRefusal = null;
        } catch (MalformedEnvelopeException | InvalidPayloadException e) {
            javaRefusal = e.getMessage();
        }
        assertThat(javaRefusal == null).as("Java accepts (%s)", javaRefusal).isEqualTo(valid);
    }
}
