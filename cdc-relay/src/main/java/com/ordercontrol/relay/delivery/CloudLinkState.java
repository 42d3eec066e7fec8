package com.ordercontrol.relay.delivery;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the relay last heard from the cloud.
 *
 * @param lastAnswerAt     when (NUC clock)
 * @param lastHttpStatus   the status, -1 when the cloud could not be reached
 * @param clockSkewMillis  NUC clock minus the cloud's {@code Date} header (positive: the NUC is ahead)
 * @param faultSince       since when the cloud refuses the node's configuration (401/403/404/410, a
 *                         2xx that names no event, a redirect), if it does
 * @param faultReason      the last such refusal
 */
public record CloudLinkState(Instant lastAnswerAt, int lastHttpStatus, OptionalLong clockSkewMillis,
                             Optional<Instant> faultSince, Optional<String> faultReason) {
}
