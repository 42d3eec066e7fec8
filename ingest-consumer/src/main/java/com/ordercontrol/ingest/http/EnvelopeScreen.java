package com.ordercontrol.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercontrol.contract.ContractJson;
import com.ordercontrol.contract.EventEnvelope;
import com.ordercontrol.contract.MalformedEnvelopeException;
import com.ordercontrol.ingest.registry.RegisteredNode;
import com.ordercontrol.ingest.stream.VerifiedEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides, per envelope of an authenticated request and in order: readable (else refused 400
 * {@code unreadable_envelope}), the node's own venue (else refused 403 {@code foreign_venue}), a repeat of
 * an eventId earlier in the same request ({@code duplicate}, not produced again), else accepted.
 */
final class EnvelopeScreen {

    private EnvelopeScreen() {
    }

    static List<ElementResult> screen(Submission submission, RegisteredNode node, String scheme, Instant receivedAt) {
        List<ElementResult> results = new ArrayList<>(submission.elements().size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < submission.elements().size(); i++) {
            byte[] bytes = submission.elements().get(i);
            if (bytes == null) {
                results.add(ElementResult.refused(i, null, 400, "unreadable_envelope", "element must be a JSON object"));
                continue;
            }
            EventEnvelope envelope;
            try {
                envelope = EventEnvelope.parse(bytes);
            } catch (MalformedEnvelopeException e) {
                results.add(ElementResult.refused(i, eventIdOf(bytes), 400, "unreadable_envelope", e.getMessage()));
                continue;
            }
            if (!envelope.venueId().equals(node.venueId())) {
                results.add(ElementResult.refused(i, envelope.eventId(), 403, "foreign_venue",
                        "node may not write for venue " + envelope.venueId()));
            } else if (!seen.add(envelope.eventId())) {
                results.add(ElementResult.duplicate(i, envelope.eventId()));
            } else {
                results.add(ElementResult.accepted(i, new VerifiedEvent(envelope.eventId(), envelope.eventType(),
                        envelope.venueId(), envelope.occurredAt(), node.nodeId(), scheme, receivedAt, bytes)));
            }
        }
        return results;
    }

    /** The eventId of an envelope that is otherwise unreadable, when it is a plain string; else null. */
    private static String eventIdOf(byte[] bytes) {
        try {
            JsonNode id = ContractJson.read(bytes).get("eventId");
            return id != null && id.isTextual() && id.textValue().length() <= 128 ? id.textValue() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
