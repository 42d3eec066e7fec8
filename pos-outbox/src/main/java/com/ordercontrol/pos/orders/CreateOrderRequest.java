package com.ordercontrol.pos.orders;

import java.math.BigDecimal;

/**
 * Body of {@code POST /api/orders}.
 *
 * @param total    what the order costs, tax included and tip excluded; a JSON number or a decimal string
 * @param currency ISO-4217 code; the venue's {@code pos.currency} when absent
 */
public record CreateOrderRequest(BigDecimal total, String currency) {
}
