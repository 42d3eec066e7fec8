package com.ordercontrol.ingest.http;

import com.ordercontrol.contract.WireHeaders;
import com.ordercontrol.ingest.health.NodeHealthReport;
import com.ordercontrol.ingest.health.NodeHealthTable;
import com.ordercontrol.ingest.monitoring.IngestCounters;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/nodes/{nodeId}/health}: a node's health report, authenticated exactly like an event
 * delivery to the by-path endpoint (same signatures, 401 for anything wrong, 403 for a disabled node, a
 * Standard Webhooks id already accepted is answered {@code duplicate} and stores nothing), then read
 * strictly ({@link NodeHealthReport}; 400 naming the field, nothing stored) and kept as the node's last
 * report ({@code node_health}, upsert) with the cloud's receive time. 202 when kept.
 */
@RestController
class NodeHealthController {

    private static final Logger log = LoggerFactory.getLogger(NodeHealthController.class);
    /** A report is about 300 bytes; anything much larger is not one. */
    static final int MAX_BODY_BYTES = 4096;

    private final RequestAuthenticator authenticator;
    private final AcceptedWebhookIds webhookIds;
    private final NodeHealthTable table;
    private final IngestCounters counters;
    private final Clock clock;

    NodeHealthController(RequestAuthenticator authenticator, AcceptedWebhookIds webhookIds, JdbcTemplate jdbc,
            IngestCounters counters, Clock clock) {
        this.authenticator = authenticator;
        this.webhookIds = webhookIds;
        this.table = new NodeHealthTable(jdbc);
        this.counters = counters;
        this.clock = clock;
    }

    @PostMapping(WireHeaders.NODE_HEALTH_PATH)
    ResponseEntity<byte[]> report(@PathVariable("nodeId") String nodeId, HttpServletRequest http) throws IOException {
        Instant receivedAt = clock.instant();
        String header = http.getHeader(WireHeaders.NODE_ID);
        if (header != null && !header.equals(nodeId)) {
            return refuse(400, "node_id_mismatch", nodeId, WireHeaders.NODE_ID + " must name the node of the path, or be left out");
        }
        byte[] body = readLimited(http);
        if (body == null) {
            return refuse(413, "body_too_large", nodeId, "a health report is at most " + MAX_BODY_BYTES + " bytes");
        }
        SignedRequest request = new SignedRequest(nodeId, http.getHeader(WireHeaders.SIGNATURE),
                http.getHeader(WireHeaders.WEBHOOK_ID), http.getHeader(WireHeaders.WEBHOOK_TIMESTAMP),
                http.getHeader(WireHeaders.WEBHOOK_SIGNATURE), body);
        AuthResult auth = authenticator.authenticate(request);
        if (auth.status() == 401) {
            return refuse(401, auth.reason(), nodeId, "missing, malformed or wrong signature, or unknown node");
        }
        if (auth.status() == 403) {
            return refuse(403, auth.reason(), nodeId, "node is disabled");
        }
        NodeHealthReport report;
        try {
            report = NodeHealthReport.parse(body);
        } catch (NodeHealthReport.Invalid e) {
            return refuse(400, "invalid_report", nodeId, "invalid health report: " + e.getMessage());
        }
        String webhookId = AuthResult.STANDARD_WEBHOOKS.equals(auth.scheme()) ? request.webhookId() : null;
        if (webhookId != null && webhookIds.seen(auth.node().nodeId(), webhookId)) {
            counters.increment("health.replayed_webhook_ids");
            return ErrorBody.json(202, "{\"status\":\"accepted\",\"outcome\":\"duplicate\"}");
        }
        try {
            table.save(auth.node().nodeId(), report, receivedAt);
        } catch (DataAccessException e) {
            Unavailable what = Unavailable.of(e);
            counters.increment("health.refused.503." + what.name);
            log.warn("health report of node {} not stored: {}", ErrorBody.printable(nodeId),
                    e.getMostSpecificCause().getMessage());
            return ErrorBody.unavailable(what, what.message);
        }
        if (webhookId != null) {
            webhookIds.remember(auth.node().nodeId(), webhookId);
        }
        counters.increment("health.accepted");
        return ErrorBody.json(202, "{\"status\":\"accepted\",\"outcome\":\"accepted\"}");
    }

    private static byte[] readLimited(HttpServletRequest http) throws IOException {
        if (http.getContentLengthLong() > MAX_BODY_BYTES) {
            return null;
        }
        try (InputStream in = http.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? null : body;
        }
    }

    private ResponseEntity<byte[]> refuse(int status, String reason, String nodeId, String message) {
        counters.increment("health.refused." + status + "." + reason);
        log.info("refused health report from node {}: {} {}", ErrorBody.printable(nodeId), status, reason);
        return ErrorBody.response(status, message);
    }
}
