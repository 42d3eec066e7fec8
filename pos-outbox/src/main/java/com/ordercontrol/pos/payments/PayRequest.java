package com.ordercontrol.pos.payments;

import java.math.BigDecimal;
import java.util.List;

/**
 * Body of {@code POST /api/orders/{orderId}/pay}.
 *
 * @param payments one or more payments whose amounts sum to the order's total
 */
public record PayRequest(List<Line> payments) {

    /**
     * One payment as the client sends it.
     *
     * @param method lower-case word such as {@code card} or {@code cash}
     * @param amount pays toward the total; JSON number or decimal string, greater than zero
     * @param tip    on top of the amount; zero or more, zero when absent
     */
    public record Line(String method, BigDecimal amount, BigDecimal tip) {
    }
}
