package com.ordercontrol.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One payment toward an order.
 *
 * @param paymentId unique per venue; the cloud's fact key is {@code (venueId, paymentId)}
 * @param method    for example {@code card} or {@code cash}
 * @param amount    pays toward the order's total (tax included, tip excluded)
 * @param tip       on top of the amount, zero when none
 * @param paidAt    when the payment was taken
 */
public record PaymentLine(String paymentId, String method, BigDecimal amount, BigDecimal tip, Instant paidAt) {

    public PaymentLine {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(tip, "tip");
        Objects.requireNonNull(paidAt, "paidAt");
    }
}
