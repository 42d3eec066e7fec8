package com.ordercontrol.contract;

/** HTTP header names and the ingest path of the wire contract (see docs/wire-contract.md). */
public final class WireHeaders {

    /** The path the relay POSTs to, below {@code BACKOFFICE_API_URL}. */
    public static final String INGEST_PATH = "/api/events/ingest";

    /** Which registered node sent the request. */
    public static final String NODE_ID = "X-Server-Node-Id";

    /** {@code sha256=<lowercase hex of HMAC-SHA256(secret, exact body bytes)>}. */
    public static final String SIGNATURE = "X-Request-Signature";

    private WireHeaders() {
    }
}
