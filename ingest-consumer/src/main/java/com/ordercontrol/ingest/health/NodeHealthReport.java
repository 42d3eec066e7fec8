package com.ordercontrol.ingest.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercontrol.contract.ContractJson;
import com.ordercontrol.contract.ContractLimits;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;

/**
 * A node's health report as the relay sends it (docs/wire-contract.md, "Node health report"). Read
 * strictly: a JSON object with exactly these fields, each present; the figures may be null when the
 * relay does not know them.
 *
 * @param reportedAt              the NUC's clock when the report was made (2000-01-01..2100)
 * @param relayVersion            1-64 printable characters
 * @param queueDepth              events waiting on the NUC, at least 0
 * @param oldestPendingAgeSeconds age of the oldest waiting event in seconds, at least 0
 * @param backPressure            whether the relay stopped reading the WAL because its queue is full
 * @param slotLagBytes            WAL retained by the replication slot, at least 0
 * @param clockSkewMillis         NUC clock minus the cloud's
 * @param parked                  events refused by the cloud and parked on the NUC, at least 0
 */
public record NodeHealthReport(Instant reportedAt, String relayVersion, Long queueDepth, Double oldestPendingAgeSeconds,
                               Boolean backPressure, Long slotLagBytes, Long clockSkewMillis, Long parked) {

    static final List<String> FIELDS = List.of("reportedAt", "relayVersion", "queueDepth", "oldestPendingAgeSeconds",
            "backPressure", "slotLagBytes", "clockSkewMillis", "parked");
    private static final long TEN_YEARS_MILLIS = 10L * 366 * 24 * 3600 * 1000;

    /** Why a report body was refused; the message names the field and is safe to send back. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    /** Reads and checks a report body. */
    public static NodeHealthReport parse(byte[] body) throws Invalid {
        JsonNode node;
        try {
            node = ContractJson.read(body);
        } catch (IOException e) {
            throw new Invalid("the body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new Invalid("the body must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new Invalid("unknown field " + ContractLimits.printable(name, 40));
            }
        }
        for (String field : FIELDS) {
            if (!node.has(field)) {
                throw new Invalid(field + " is required (null when unknown)");
            }
        }
        return new NodeHealthReport(instant(node.get("reportedAt")), version(node.get("relayVersion")),
                count(node, "queueDepth", 0, Long.MAX_VALUE), seconds(node.get("oldestPendingAgeSeconds")),
                bool(node.get("backPressure")), count(node, "slotLagBytes", 0, Long.MAX_VALUE),
                count(node, "clockSkewMillis", -TEN_YEARS_MILLIS, TEN_YEARS_MILLIS), count(node, "parked", 0,
                        Long.MAX_VALUE));
    }

    private static Instant instant(JsonNode value) throws Invalid {
        if (value == null || !value.isTextual()) {
            throw new Invalid("reportedAt must be an ISO-8601 instant such as 2026-11-29T12:00:00Z");
        }
        try {
            Instant at = Instant.parse(value.asText());
            if (!ContractLimits.inRange(at)) {
                throw new Invalid("reportedAt must be from " + ContractLimits.EARLIEST + " to " + ContractLimits.LATEST);
            }
            return at;
        } catch (DateTimeParseException e) {
            throw new Invalid("reportedAt must be an ISO-8601 instant such as 2026-11-29T12:00:00Z");
        }
    }

    private static String version(JsonNode value) throws Invalid {
        if (value == null || !value.isTextual() || value.asText().isEmpty() || value.asText().length() > 64
                || !value.asText().matches("[\\x21-\\x7e]+")) {
            throw new Invalid("relayVersion must be 1-64 printable characters without spaces");
        }
        return value.asText();
    }

    private static Long count(JsonNode node, String field, long min, long max) throws Invalid {
        JsonNode value = node.get(field);
        if (value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
            throw new Invalid(field + " must be a whole number" + (min == 0 ? " of at least 0" : " within ±10 years")
                    + ", or null");
        }
        return value.asLong();
    }

    private static Double seconds(JsonNode value) throws Invalid {
        if (value.isNull()) {
            return null;
        }
        if (!value.isNumber() || value.decimalValue().compareTo(BigDecimal.ZERO) < 0
                || value.decimalValue().compareTo(BigDecimal.valueOf(1e10)) > 0) {
            throw new Invalid("oldestPendingAgeSeconds must be a number of seconds from 0 to 1e10, or null");
        }
        return value.doubleValue();
    }

    private static Boolean bool(JsonNode value) throws Invalid {
        if (value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new Invalid("backPressure must be true, false or null");
        }
        return value.booleanValue();
    }
}
