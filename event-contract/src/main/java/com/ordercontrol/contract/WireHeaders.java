package com.ordercontrol.contract;

/** HTTP header names and the ingest path of the wire contract (see docs/wire-contract.md). */
public final class WireHeaders {

    /** The path the relay POSTs to, below {@code BACKOFFICE_API_URL}. */
    public static final String INGEST_PATH = "/api/events/ingest";

    /**
     * The same endpoint with the node in the path, for senders that cannot set {@link #NODE_ID} (Debezium
     * Server's HTTP sink); if {@link #NODE_ID} is sent too it must name the same node.
     */
    public static final String NODE_EVENTS_PATH = "/api/nodes/{nodeId}/events";

    /**
     * The node's health report (queue depth, lag, clock skew, version), signed exactly like an event
     * delivery to this path; the cloud keeps the last one per node and answers 202.
     */
    public static final String NODE_HEALTH_PATH = "/api/nodes/{nodeId}/health";

    /** Which registered node sent the request. */
    public static final String NODE_ID = "X-Server-Node-Id";

    /** {@code sha256=<lowercase hex of HMAC-SHA256(secret, exact body bytes)>}. */
    public static final String SIGNATURE = "X-Request-Signature";

    /**
     * Standard Webhooks: the sender's message id (1-256 printable ASCII), not necessarily any eventId; the
     * cloud answers a request whose id it already accepted within the tolerance window with "duplicate".
     */
    public static final String WEBHOOK_ID = "webhook-id";

    /** Standard Webhooks: Unix seconds at signing time; accepted within a tolerance both ways. */
    public static final String WEBHOOK_TIMESTAMP = "webhook-timestamp";

    /** Standard Webhooks: space-separated {@code v1,<base64 HMAC-SHA256 of id.timestamp.body>} values. */
    public static final String WEBHOOK_SIGNATURE = "webhook-signature";

    private WireHeaders() {
    }
}
