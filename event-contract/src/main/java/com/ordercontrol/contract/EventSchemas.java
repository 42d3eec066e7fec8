package com.ordercontrol.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The contract's JSON Schemas (draft 2020-12), shipped in this jar under {@code schemas/}:
 * {@code envelope.schema.json} (which applies the payload schema of a known event type),
 * {@code order_paid.schema.json}, {@code order_refunded.schema.json} and {@code types.schema.json}.
 * They are what a POS in any language validates against; the cloud applies them to every event of a
 * known type before its Java parser, which keeps the rules a schema cannot state (amounts summing to
 * the total, unique payment ids, the ISO 4217 list, the exact 2000..2100 bounds in UTC).
 *
 * <p>The schemas are compiled once, here; {@link #shared()} is thread-safe and costs one tree walk per
 * event.
 */
public final class EventSchemas {

    /** The {@code $id} prefix of every schema; they are names, resolved to this jar's resources. */
    public static final String ID_PREFIX = "https://schemas.ordercontrol.dev/pos-events/v1/";
    /** Where the schema files lie on the class path. */
    public static final String RESOURCE_DIRECTORY = "schemas/";
    /** The event types with a payload schema. */
    public static final Set<String> KNOWN_TYPES = Set.of(EventEnvelope.ORDER_PAID, "order_refunded");

    /** Dead-letter reasons stay short; the full list of errors is for {@link #violations}. */
    private static final int MAX_REASON_LENGTH = 300;

    private static final EventSchemas SHARED = new EventSchemas();

    private final Schema envelope;

    private EventSchemas() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .formatAssertionsEnabled(true)        // date-time is a rule of the contract, not a hint
                .errorMessageKeyword("message")       // the schemas' own short messages for their "not" rules
                .locale(Locale.ENGLISH)               // reasons do not depend on the machine's locale
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config)
                        .schemaIdResolvers(ids -> ids.mapPrefix(ID_PREFIX, "classpath:" + RESOURCE_DIRECTORY)));
        envelope = registry.getSchema(SchemaLocation.of(ID_PREFIX + "envelope.schema.json"));
        envelope.initializeValidators(); // resolve every $ref now, not on the first event
    }

    /** The compiled schemas, loaded once per JVM. */
    public static EventSchemas shared() {
        return SHARED;
    }

    /** Whether {@code eventType} has a payload schema (else the cloud refuses it as unsupported). */
    public static boolean knows(String eventType) {
        return KNOWN_TYPES.contains(eventType);
    }

    /**
     * Every way {@code event} (a whole envelope, as received) breaks the schemas, each as
     * {@code "<path>: <message>"} ({@code "$.payload.total: does not match ..."}); empty when it conforms.
     */
    public List<String> violations(JsonNode event) {
        return envelope.validate(event).stream().map(EventSchemas::describe).toList();
    }

    /**
     * Why {@code event} does not conform, as one printable line of at most a few hundred characters (the
     * first violation, then how many more), or null when it conforms.
     */
    public String violation(JsonNode event) {
        List<Error> errors = envelope.validate(event);
        if (errors.isEmpty()) {
            return null;
        }
        String first = describe(errors.get(0));
        String more = errors.size() == 1 ? "" : " (and " + (errors.size() - 1) + " more)";
        return ContractLimits.printable(first, MAX_REASON_LENGTH) + more;
    }

    private static String describe(Error error) {
        return error.toString();
    }
}
