package com.ordercontrol.pos.orders;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.ordercontrol.pos.money.Amounts;
import java.time.Instant;
import java.util.List;

/**
 * An order as the API shows it; amounts are decimal strings at the currency's scale. The create
 * response leaves out the timestamps and payments (they are null there and not written).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(String orderId, long orderNumber, String venueId, String currency, String total,
                        String status, String createdAt, String paidAt, List<PaymentView> payments) {

    /** The create response: {@code {"orderId","orderNumber","venueId","currency","total","status"}}. */
    static OrderView created(Order order) {
        return new OrderView(order.orderId().toString(), order.orderNumber(), order.venueId(), order.currency(),
                Amounts.atCurrencyScale(order.total(), order.currency()).toPlainString(), order.status(),
                null, null, null);
    }

    /** The order with its timestamps and payments. */
    static OrderView withPayments(Order order, List<Payment> payments) {
        OrderView base = created(order);
        return new OrderView(base.orderId(), base.orderNumber(), base.venueId(), base.currency(), base.total(),
                base.status(), order.createdAt().toString(), text(order.paidAt()),
                payments.stream().map(p -> PaymentView.of(p, order.currency())).toList());
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
