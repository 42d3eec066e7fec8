package com.ordercontrol.pos.payments;

import com.ordercontrol.pos.orders.PaymentView;
import java.util.List;

/**
 * Answer of a successful pay: {@code {"orderId","status":"paid","eventId","payments":[…]}}.
 *
 * @param eventId the id of the {@code order_paid} outbox row written with the payments
 */
public record PayResponse(String orderId, String status, String eventId, List<PaymentView> payments) {
}
