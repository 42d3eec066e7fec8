package com.ordercontrol.contract;

/** HTTP header names and the ingest path of the wire contract (see docs/wire-contract.md). */
public final class WireHeaders {

    /** The path the relay POSTs to, below {@code BACKOFFICE_API_URL}. */
    public static final String INGEST_PATH = "/api/events/ingest";

    /** Which registered node sent the request. */
    public static final String NODE_ID = "X-Server-Node-Id";

    /** {@code sha256=<lowercase hex of HMAC-SHA256(secret, exact body bytes)>}. */
    public static final String SIGNATURE = "X-Request-Signature";

    /** Standard Webhooks: the message id; for this contract it equals the envelope's {@code eventId}. */
    public static final String WEBHOOK_ID = "webhook-id";

    /** Standard Webhooks: Unix seconds at signing time; accepted within a tolerance both ways. */
    public static final String WEBHOOK_TIMESTAMP = "webhook-timestamp";

    /** Standard Webhooks: space-separated {@code v1,<base64 HMAC-SHA256 of id.timestamp.body>} values. */
    public static final String WEBHOOK_SIGNATURE = "webhook-signature";

    private WireHeaders() {
    }
}
