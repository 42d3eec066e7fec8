package com.ordercontrol.contract;

import java.nio.charset.StandardCharsets;

/** Bodies and signatures computed independently with openssl (commands in each constant's comment). */
final class SigningVectors {

    static final String BODY = "{\"eventId\":\"evt-1\",\"eventType\":\"order_paid\",\"venueId\":\"venue-1\","
            + "\"occurredAt\":\"2026-02-19T18:22:03.120Z\",\"payload\":{\"orderId\":\"ord-1\",\"orderNumber\":1042,"
            + "\"currency\":\"USD\",\"total\":\"12.99\",\"payments\":[{\"paymentId\":\"pay-1\",\"method\":\"card\","
            + "\"amount\":\"12.99\",\"tip\":\"2.00\",\"paidAt\":\"2026-02-19T18:22:03.120Z\"}]}}";

    /** {@code printf '%s' "$BODY" | openssl dgst -sha256 -hmac dev-secret}. */
    static final String SEED_SIGNATURE = "sha256=b0150c239bbf939ed86a4846321f0765c8aa76727fd6b34d4b2e9c9f11ece806";

    /** Unix seconds of 2026-02-19T18:22:03Z. */
    static final long TIMESTAMP = 1771525323L;

    /** {@code printf '%s' "evt-1.1771525323.$BODY" | openssl dgst -sha256 -hmac dev-secret -binary | base64}. */
    static final String WEBHOOK_SIGNATURE = "v1,UL5/VVQJC2f7OHa0qTypk04b9MB+8WGWwAV2dEMLsdM=";

    static byte[] body() {
        return BODY.getBytes(StandardCharsets.UTF_8);
    }

    private SigningVectors() {
    }
}
