package com.ordercontrol.ingest.http;

import com.ordercontrol.contract.EventEnvelope;
import com.ordercontrol.contract.MalformedEnvelopeException;
import com.ordercontrol.contract.WireHeaders;
import com.ordercontrol.ingest.IngestSettings;
import com.ordercontrol.ingest.monitoring.IngestCounters;
import com.ordercontrol.ingest.stream.EventPublisher;
import com.ordercontrol.ingest.stream.StreamUnavailableException;
import com.ordercontrol.ingest.stream.VerifiedEvent;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/events/ingest}: size limit (413), signature and node (401/403), envelope (400),
 * venue binding (403), then the topic (202 after the broker's acknowledgement, 503 when it does not
 * come in time). Each refusal is counted, logged without secrets, and writes nothing anywhere.
 */
@RestController
class IngestController {

    private static final Logger log = LoggerFactory.getLogger(IngestController.class);
    private static final String UNAUTHORIZED = "missing, malformed or wrong signature, or unknown node";

    private final RequestAuthenticator authenticator;
    private final EventPublisher publisher;
    private final IngestCounters counters;
    private final IngestSettings settings;
    private final Clock clock;

    IngestController(RequestAuthenticator authenticator, EventPublisher publisher, IngestCounters counters,
            IngestSettings settings, Clock clock) {
        this.authenticator = authenticator;
        this.publisher = publisher;
        this.counters = counters;
        this.settings = settings;
        this.clock = clock;
    }

    @PostMapping(WireHeaders.INGEST_PATH)
    ResponseEntity<byte[]> ingest(HttpServletRequest http) throws IOException {
        Instant receivedAt = clock.instant();
        String nodeId = http.getHeader(WireHeaders.NODE_ID);
        if (http.getContentLengthLong() > settings.maxBodyBytes()) {
            return refuse(413, "body_too_large", nodeId, "body larger than " + settings.maxBodyBytes() + " bytes");
        }
        byte[] body;
        try (InputStream in = http.getInputStream()) {
            // Read one byte past the limit so a body without Content-Length cannot exceed it either.
            body = in.readNBytes(settings.maxBodyBytes() + 1);
        }
        if (body.length > settings.maxBodyBytes()) {
            return refuse(413, "body_too_large", nodeId, "body larger than " + settings.maxBodyBytes() + " bytes");
        }
        SignedRequest request = new SignedRequest(nodeId, http.getHeader(WireHeaders.SIGNATURE),
                http.getHeader(WireHeaders.WEBHOOK_ID), http.getHeader(WireHeaders.WEBHOOK_TIMESTAMP),
                http.getHeader(WireHeaders.WEBHOOK_SIGNATURE), body);
        AuthResult auth = authenticator.authenticate(request);
        if (auth.status() == 401) {
            return refuse(401, auth.reason(), nodeId, UNAUTHORIZED);
        }
        if (auth.status() == 403) {
            return refuse(403, auth.reason(), nodeId, "node is disabled");
        }
        EventEnvelope envelope;
        try {
            envelope = EventEnvelope.parse(body);
        } catch (MalformedEnvelopeException e) {
            return refuse(400, "unreadable_envelope", nodeId, e.getMessage());
        }
        if (request.webhookId() != null && !request.webhookId().equals(envelope.eventId())) {
            return refuse(400, "webhook_id_mismatch", nodeId, "webhook-id must equal the envelope's eventId");
        }
        if (!envelope.venueId().equals(auth.node().venueId())) {
            return refuse(403, "foreign_venue", nodeId, "node may not write for venue " + envelope.venueId());
        }
        try {
            publisher.publish(new VerifiedEvent(envelope.eventId(), envelope.eventType(), envelope.venueId(),
                    envelope.occurredAt(), auth.node().nodeId(), auth.scheme(), receivedAt, body));
        } catch (StreamUnavailableException e) {
            log.warn("event {} from node {} not stored, answering 503: {}", envelope.eventId(), nodeId, e.getMessage());
            counters.increment("ingest.unavailable.503");
            counters.increment("ingest.unavailable.503.kafka");
            return ErrorBody.unavailable(Unavailable.KAFKA, Unavailable.KAFKA.message);
        }
        counters.increment("ingest.accepted");
        return ErrorBody.json(202, "{\"status\":\"accepted\",\"eventId\":" + ErrorBody.quote(envelope.eventId()) + "}");
    }

    private ResponseEntity<byte[]> refuse(int status, String reason, String nodeId, String message) {
        counters.increment("ingest.refused." + status + "." + reason);
        log.info("refused ingest request from node {}: {} {}", ErrorBody.printable(nodeId), status, reason);
        return ErrorBody.response(status, message);
    }
}
