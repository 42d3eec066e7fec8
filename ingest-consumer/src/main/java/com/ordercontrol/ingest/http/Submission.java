package com.ordercontrol.ingest.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.ordercontrol.contract.ContractJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A request body split into its envelopes without re-serializing anything: one JSON object (the seed's
 * single envelope), or a JSON array whose object elements keep their exact bytes (they become the Kafka
 * record values). One streaming pass checks the whole body is JSON without duplicate keys.
 *
 * @param batch    whether the body was an array
 * @param elements the envelopes' exact bytes in order; null for an array element that is not an object
 */
record Submission(boolean batch, List<byte[]> elements) {

    /** The body as a whole cannot be read; the request is refused with 400 and this reason. */
    static final class Unreadable extends Exception {

        final String reason;

        Unreadable(String reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    static Submission parse(byte[] body, int maxElements) throws Unreadable {
        try (JsonParser parser = ContractJson.mapper().getFactory().createParser(body)) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            JsonToken first = parser.nextToken();
            Submission submission;
            if (first == JsonToken.START_OBJECT) {
                parser.skipChildren();
                submission = new Submission(false, List.of(body));
            } else if (first == JsonToken.START_ARRAY) {
                submission = new Submission(true, elements(parser, body, maxElements));
            } else {
                throw new Unreadable("unreadable_envelope", "body must be a JSON object or an array of objects");
            }
            if (parser.nextToken() != null) {
                throw new Unreadable("unreadable_envelope", "body has content after its JSON value");
            }
            return submission;
        } catch (IOException e) {
            String duplicate = e.getMessage() != null && e.getMessage().startsWith("Duplicate field")
                    ? ": an object repeats a key" : "";
            throw new Unreadable("unreadable_envelope", "body is not valid JSON" + duplicate);
        }
    }

    private static List<byte[]> elements(JsonParser parser, byte[] body, int maxElements) throws IOException, Unreadable {
        List<byte[]> elements = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == null) {
                throw new Unreadable("unreadable_envelope", "body is not valid JSON");
            }
            if (elements.size() == maxElements) {
                throw new Unreadable("too_many_events", "at most " + maxElements + " envelopes per request");
            }
            if (token == JsonToken.START_OBJECT) {
                int start = (int) parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                int end = (int) parser.currentLocation().getByteOffset();
                elements.add(Arrays.copyOfRange(body, start, end));
            } else {
                parser.skipChildren();
                elements.add(null);
            }
        }
        if (elements.isEmpty()) {
            throw new Unreadable("empty_batch", "an array body needs at least one envelope");
        }
        return elements;
    }
}
