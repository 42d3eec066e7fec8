package com.ordercontrol.ingest.http;

import com.ordercontrol.contract.WireHeaders;
import com.ordercontrol.ingest.IngestSettings;
import com.ordercontrol.ingest.monitoring.IngestCounters;
import com.ordercontrol.ingest.stream.EventPublisher;
import com.ordercontrol.ingest.stream.StreamBusyException;
import com.ordercontrol.ingest.stream.StreamUnavailableException;
import com.ordercontrol.ingest.stream.VerifiedEvent;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/events/ingest} and {@code POST /api/nodes/{nodeId}/events}, one envelope or an array of
 * them: size (413), signature and node (401/403), body shape (400), then per envelope readable / own venue /
 * repeat in the request ({@link EnvelopeScreen}); a Standard Webhooks request whose webhook-id was already
 * accepted produces nothing ({@link AcceptedWebhookIds}, every element {@code duplicate}); else the accepted
 * envelopes go to the topic in order and the answer waits for every acknowledgement (202; 503 when any does
 * not come in time). A single envelope that is unreadable or foreign is refused as a whole (400/403), as
 * before batches. Each refusal is counted and logged without secrets.
 */
@RestController
class IngestController {

    private static final Logger log = LoggerFactory.getLogger(IngestController.class);
    private static final String UNAUTHORIZED = "missing, malformed or wrong signature, or unknown node";
    private static final String BATCH_NOT_STORED = "the event stream (Kafka) cannot store events now; some events of "
            + "this request may already be stored; send the whole request again (duplicates are absorbed)";

    private final RequestAuthenticator authenticator;
    private final AcceptedWebhookIds webhookIds;
    private final EventPublisher publisher;
    private final IngestCounters counters;
    private final IngestSettings settings;
    private final Clock clock;

    IngestController(RequestAuthenticator authenticator, AcceptedWebhookIds webhookIds, EventPublisher publisher,
            IngestCounters counters, IngestSettings settings, Clock clock) {
        this.authenticator = authenticator;
        this.webhookIds = webhookIds;
        this.publisher = publisher;
        this.counters = counters;
        this.settings = settings;
        this.clock = clock;
    }

    @PostMapping(WireHeaders.INGEST_PATH)
    ResponseEntity<byte[]> ingest(HttpServletRequest http) throws IOException {
        return handle(http, http.getHeader(WireHeaders.NODE_ID));
    }

    /** The same, with the node taken from the path, for senders that cannot set custom headers. */
    @PostMapping(WireHeaders.NODE_EVENTS_PATH)
    ResponseEntity<byte[]> ingestForNode(@PathVariable("nodeId") String nodeId, HttpServletRequest http)
            throws IOException {
        String header = http.getHeader(WireHeaders.NODE_ID);
        if (header != null && !header.equals(nodeId)) {
            return refuse(400, "node_id_mismatch", nodeId,
                    WireHeaders.NODE_ID + " must name the node of the path, or be left out");
        }
        return handle(http, nodeId);
    }

    private ResponseEntity<byte[]> handle(HttpServletRequest http, String nodeId) throws IOException {
        Instant receivedAt = clock.instant();
        byte[] body = readLimited(http);
        if (body == null) {
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
        Submission submission;
        try {
            submission = Submission.parse(body, settings.maxBatchEvents());
        } catch (Submission.Unreadable e) {
            return refuse(400, e.reason, nodeId, e.getMessage());
        }
        List<ElementResult> results = EnvelopeScreen.screen(submission, auth.node(), auth.scheme(), receivedAt);
        if (!submission.batch() && results.get(0).isRefused()) {
            ElementResult refused = results.get(0);
            return refuse(refused.status(), refused.reason(), nodeId, refused.message());
        }
        String webhookId = AuthResult.STANDARD_WEBHOOKS.equals(auth.scheme()) ? request.webhookId() : null;
        if (webhookId != null && webhookIds.seen(auth.node().nodeId(), webhookId)) {
            results = results.stream().map(ElementResult::asDuplicate).toList();
            counters.increment("ingest.replayed_webhook_ids");
            return answer(submission, results, nodeId);
        }
        List<VerifiedEvent> accepted = results.stream().filter(ElementResult::isAccepted).map(ElementResult::event)
                .toList();
        try {
            publisher.publishAll(accepted);
        } catch (StreamBusyException e) {
            log.info("{} event(s) from node {} not sent, answering 503 busy: {}", accepted.size(),
                    ErrorBody.printable(nodeId), e.getMessage());
            counters.increment("ingest.unavailable.503");
            counters.increment("ingest.unavailable.503.busy");
            return ErrorBody.unavailable(Unavailable.STREAM_BUSY, Unavailable.STREAM_BUSY.message);
        } catch (StreamUnavailableException e) {
            log.warn("{} event(s) from node {} not stored, answering 503: {}", accepted.size(),
                    ErrorBody.printable(nodeId), e.getMessage());
            counters.increment("ingest.unavailable.503");
            counters.increment("ingest.unavailable.503.kafka");
            return ErrorBody.unavailable(Unavailable.KAFKA,
                    submission.batch() ? BATCH_NOT_STORED : Unavailable.KAFKA.message);
        }
        if (webhookId != null) {
            webhookIds.remember(auth.node().nodeId(), webhookId);
        }
        return answer(submission, results, nodeId);
    }

    private ResponseEntity<byte[]> answer(Submission submission, List<ElementResult> results, String nodeId) {
        count(submission, results, nodeId);
        return submission.batch() ? IngestAnswers.batch(results) : IngestAnswers.single(results.get(0));
    }

    /** The body, or null when it is larger than the limit (read one byte past it, so a chunked body cannot exceed it). */
    private byte[] readLimited(HttpServletRequest http) throws IOException {
        if (http.getContentLengthLong() > settings.maxBodyBytes()) {
            return null;
        }
        byte[] body;
        try (InputStream in = http.getInputStream()) {
            body = in.readNBytes(settings.maxBodyBytes() + 1);
        }
        return body.length > settings.maxBodyBytes() ? null : body;
    }

    private void count(Submission submission, List<ElementResult> results, String nodeId) {
        int refused = 0;
        for (ElementResult r : results) {
            if (r.isRefused()) {
                counters.increment("ingest.refused." + r.status() + "." + r.reason());
                refused++;
            } else {
                counters.increment(r.isAccepted() ? "ingest.accepted" : "ingest.duplicates");
            }
        }
        if (submission.batch()) {
            counters.increment("ingest.batches");
        }
        if (refused > 0) {
            log.info("refused {} of {} envelope(s) of a batch from node {}", refused, results.size(),
                    ErrorBody.printable(nodeId));
        }
    }

    private ResponseEntity<byte[]> refuse(int status, String reason, String nodeId, String message) {
        counters.increment("ingest.refused." + status + "." + reason);
        log.info("refused ingest request from node {}: {} {}", ErrorBody.printable(nodeId), status, reason);
        return ErrorBody.response(status, message);
    }
}
