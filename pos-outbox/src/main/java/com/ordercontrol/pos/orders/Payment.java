package com.ordercontrol.pos.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One stored payment toward an order. */
public record Payment(UUID paymentId, UUID orderId, String method, BigDecimal amount, BigDecimal tip, Instant paidAt) {
}
