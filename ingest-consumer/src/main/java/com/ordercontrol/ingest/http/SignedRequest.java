package com.ordercontrol.ingest.http;

/**
 * What the authenticator needs from an ingest request. {@link #toString()} leaves out the body.
 *
 * @param body exact bytes received
 */
record SignedRequest(String nodeId, String seedSignature, String webhookId, String webhookTimestamp,
        String webhookSignature, byte[] body) {

    @Override
    public String toString() {
        return "SignedRequest[nodeId=" + nodeId + ", bytes=" + body.length + "]";
    }
}
