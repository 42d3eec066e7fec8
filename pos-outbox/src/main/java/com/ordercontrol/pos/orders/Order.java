package com.ordercontrol.pos.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** An order as stored; {@code paidAt} is null unless it is paid. A void order was closed unpaid. */
public record Order(UUID orderId, long orderNumber, String venueId, String currency, BigDecimal total,
                    String status, Instant createdAt, Instant paidAt) {

    public static final String OPEN = "open";
    public static final String PAID = "paid";
    public static final String VOID = "void";

    public boolean isPaid() {
        return PAID.equals(status);
    }

    public boolean isVoid() {
        return VOID.equals(status);
    }
}
