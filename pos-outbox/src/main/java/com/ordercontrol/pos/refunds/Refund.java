package com.ordercontrol.pos.refunds;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One stored refund: money given back on one payment (never its tip). */
record Refund(UUID refundId, UUID paymentId, BigDecimal amount, String reason, Instant refundedAt) {
}
