package com.ordercontrol.pos.refunds;

import java.math.BigDecimal;

/**
 * Body of {@code POST /api/orders/{orderId}/payments/{paymentId}/refunds}.
 *
 * @param amount what to give back, a JSON number or decimal string greater than zero; the payment's
 *               whole remaining amount when absent
 * @param reason why, 1 to 200 characters without control characters
 */
public record RefundRequest(BigDecimal amount, String reason) {
}
