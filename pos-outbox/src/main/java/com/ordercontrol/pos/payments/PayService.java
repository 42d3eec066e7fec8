package com.ordercontrol.pos.payments;

import com.ordercontrol.contract.OrderPaid;
import com.ordercontrol.contract.PaymentLine;
import com.ordercontrol.outbox.OutboxEvent;
import com.ordercontrol.outbox.SpringOutboxWriter;
import com.ordercontrol.pos.money.Amounts;
import com.ordercontrol.pos.orders.Order;
import com.ordercontrol.pos.orders.OrderStore;
import com.ordercontrol.pos.orders.Payment;
import com.ordercontrol.pos.orders.PaymentStore;
import com.ordercontrol.pos.orders.PaymentView;
import com.ordercontrol.pos.web.ConflictException;
import com.ordercontrol.pos.web.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pay flow: payments, the order's status and the {@code order_paid} outbox row in one database
 * transaction. It never calls the network; delivering the event is the relay's job after COMMIT.
 */
@Service
class PayService {

    private final OrderStore orders;
    private final PaymentStore payments;
    private final SpringOutboxWriter outbox;
    private final Clock clock;

    PayService(OrderStore orders, PaymentStore payments, SpringOutboxWriter outbox, Clock clock) {
        this.orders = orders;
        this.payments = payments;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public PayResponse pay(UUID orderId, PayRequest request) {
        Order order = orders.lock(orderId)
                .orElseThrow(() -> new NotFoundException("order " + orderId + " does not exist"));
        if (order.isPaid()) {
            throw new ConflictException("order " + orderId + " is already paid; nothing was written");
        }
        if (order.isVoid()) {
            throw new ConflictException("order " + orderId + " is void and cannot be paid; nothing was written");
        }
        Currency currency = Currency.getInstance(order.currency());
        List<ValidPayment> lines = ValidPayment.validate(request, currency, order.total());

        // Micros: what PostgreSQL keeps, so the payload's paidAt equals the stored rows'.
        Instant paidAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Payment> stored = new ArrayList<>(lines.size());
        for (ValidPayment line : lines) {
            Payment payment = new Payment(UUID.randomUUID(), orderId, line.method(), line.amount(), line.tip(), paidAt);
            payments.insert(payment);
            stored.add(payment);
        }
        if (!orders.markPaid(orderId, paidAt)) {
            throw new IllegalStateException("order " + orderId + " was locked open but could not be marked paid");
        }
        OutboxEvent event = OutboxEvent.orderPaid(order.venueId(), orderPaid(order, stored), paidAt);
        outbox.write(event);
        return new PayResponse(orderId.toString(), Order.PAID, event.eventId().toString(),
                stored.stream().map(p -> PaymentView.of(p, order.currency())).toList());
    }

    private static OrderPaid orderPaid(Order order, List<Payment> stored) {
        List<PaymentLine> lines = stored.stream()
                .map(p -> new PaymentLine(p.paymentId().toString(), p.method(), p.amount(), p.tip(), p.paidAt()))
                .toList();
        return new OrderPaid(order.orderId().toString(), order.orderNumber(), order.currency(),
                Amounts.atCurrencyScale(order.total(), order.currency()), lines);
    }
}
