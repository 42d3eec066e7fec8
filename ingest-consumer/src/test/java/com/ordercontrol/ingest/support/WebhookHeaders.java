package com.ordercontrol.ingest.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Standard Webhooks headers computed independently of the production signer (plain javax.crypto). */
public final class WebhookHeaders {

    private WebhookHeaders() {
    }

    public static Map<String, String> signed(String nodeId, String secret, String id, Instant at, String body) {
        try {
            long ts = at.getEpochSecond();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] sig = mac.doFinal((id + "." + ts + "." + body).getBytes(StandardCharsets.UTF_8));
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-Server-Node-Id", nodeId);
            headers.put("webhook-id", id);
            headers.put("webhook-timestamp", Long.toString(ts));
            headers.put("webhook-signature", "v1," + Base64.getEncoder().encodeToString(sig));
            return headers;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
