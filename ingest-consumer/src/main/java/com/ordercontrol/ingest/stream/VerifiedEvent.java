package com.ordercontrol.ingest.stream;

import java.time.Instant;

/**
 * An event whose signature and venue binding were verified, ready for the topic.
 *
 * @param body        the exact bytes received and verified; they become the record value unchanged
 * @param scheme      which signature scheme verified it ({@code seed} or {@code standard-webhooks})
 * @param receivedAt  when the request arrived at the cloud
 */
public record VerifiedEvent(String eventId, String eventType, String venueId, Instant occurredAt, String nodeId,
        String scheme, Instant receivedAt, byte[] body) {
}
