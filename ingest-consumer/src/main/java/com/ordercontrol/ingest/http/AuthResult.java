package com.ordercontrol.ingest.http;

import com.ordercontrol.ingest.registry.RegisteredNode;

/**
 * Outcome of checking a request's signature and node.
 *
 * @param status HTTP status: 0 when accepted, else 401 or 403
 * @param reason short reason for the counters and logs (never sent to the caller for 401)
 * @param node   the verified node when accepted
 * @param scheme which scheme verified the request when accepted
 */
record AuthResult(int status, String reason, RegisteredNode node, String scheme) {

    static final String SEED = "seed";
    static final String STANDARD_WEBHOOKS = "standard-webhooks";

    static AuthResult accepted(RegisteredNode node, String scheme) {
        return new AuthResult(0, "accepted", node, scheme);
    }

    static AuthResult unauthorized(String reason) {
        return new AuthResult(401, reason, null, null);
    }

    static AuthResult forbidden(String reason, RegisteredNode node) {
        return new AuthResult(403, reason, node, null);
    }

    boolean isAccepted() {
        return status == 0;
    }
}
