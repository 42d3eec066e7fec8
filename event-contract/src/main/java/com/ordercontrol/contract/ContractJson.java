package com.ordercontrol.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;

/**
 * The one JSON mapper of the contract. Decimal numbers are read as {@link java.math.BigDecimal}
 * exactly as written ({@code 12.990} stays {@code 12.990}), never through {@code double}. A key that
 * appears twice in one object makes the text unreadable.
 */
public final class ContractJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // {"venueId":"a","venueId":"b"} is refused, never "last wins": what was signed is what is read.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private ContractJson() {
    }

    /** Parses JSON text; numbers keep their exact decimal value. */
    public static JsonNode read(byte[] json) throws IOException {
        return MAPPER.readTree(json);
    }

    /** Parses JSON text; numbers keep their exact decimal value. */
    public static JsonNode read(String json) throws IOException {
        return MAPPER.readTree(json);
    }

    /** Compact JSON bytes (UTF-8) of a tree. */
    public static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** The shared mapper, for building trees ({@code createObjectNode()}). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
