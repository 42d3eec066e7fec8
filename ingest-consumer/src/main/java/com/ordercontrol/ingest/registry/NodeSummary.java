package com.ordercontrol.ingest.registry;

import java.time.Instant;

/**
 * A node as the admin command lists it: no secrets, only how many are active and when the oldest ends.
 *
 * @param activeSecrets     secrets currently accepted (two during a rotation window)
 * @param rotationEndsAt    when the older secrets stop working, or null when there is no rotation
 */
public record NodeSummary(String nodeId, String venueId, boolean enabled, boolean requireWebhooks,
        int activeSecrets, Instant rotationEndsAt, Instant createdAt) {
}
