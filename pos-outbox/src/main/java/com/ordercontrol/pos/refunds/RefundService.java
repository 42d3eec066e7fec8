package com.ordercontrol.pos.refunds;

import com.ordercontrol.contract.OrderRefunded;
import com.ordercontrol.outbox.OutboxEvent;
import com.ordercontrol.outbox.SpringOutboxWriter;
import com.ordercontrol.pos.money.Amounts;
import com.ordercontrol.pos.orders.Order;
import com.ordercontrol.pos.orders.OrderStore;
import com.ordercontrol.pos.orders.Payment;
import com.ordercontrol.pos.orders.PaymentStore;
import com.ordercontrol.pos.web.InvalidInputException;
import com.ordercontrol.pos.web.NotFoundException;
import com.ordercontrol.pos.web.UnprocessableException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The refund flow: the refund row and its {@code order_refunded} outbox row in one transaction, under
 * the payment's row lock, so two concurrent refunds of one payment can never give back more than it
 * took. A refund returns sales money only (the payment's amount), never the tip.
 */
@Service
class RefundService {

    private final OrderStore orders;
    private final PaymentStore payments;
    private final RefundStore refunds;
    private final SpringOutboxWriter outbox;
    private final Clock clock;

    RefundService(OrderStore orders, PaymentStore payments, RefundStore refunds, SpringOutboxWriter outbox,
                  Clock clock) {
        this.orders = orders;
        this.payments = payments;
        this.refunds = refunds;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public RefundResponse refund(UUID orderId, UUID paymentId, RefundRequest request) {
        if (request == null) {
            throw new InvalidInputException("request body is required: {\"amount\":\"5.00\",\"reason\":\"wrong dish\"}"
                    + " (leave out amount to refund the whole remainder)");
        }
        String problem = OrderRefunded.reasonProblem(request.reason());
        if (problem != null) {
            throw new InvalidInputException(problem);
        }
        Payment payment = payments.lock(paymentId)
                .filter(p -> p.orderId().equals(orderId))
                .orElseThrow(() -> new NotFoundException("order " + orderId + " has no payment " + paymentId));
        Order order = orders.find(orderId).orElseThrow();
        Currency currency = Currency.getInstance(order.currency());
        BigDecimal remaining = payment.amount().subtract(refunds.refundedSoFar(paymentId));
        BigDecimal amount = request.amount() == null ? remaining : Amounts.positive("amount", request.amount(), currency);
        if (remaining.signum() <= 0) {
            throw new UnprocessableException("payment " + paymentId + " is already fully refunded; nothing was written");
        }
        if (amount.compareTo(remaining) > 0) {
            throw new UnprocessableException("amount " + text(amount, order) + " " + order.currency()
                    + " is more than the " + text(remaining, order) + " left to refund on payment " + paymentId
                    + " (tips are never refunded); nothing was written");
        }

        // Micros: what PostgreSQL keeps, so the payload's refundedAt equals the stored row's.
        Instant refundedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Refund refund = new Refund(UUID.randomUUID(), paymentId, Amounts.atCurrencyScale(amount, order.currency()),
                request.reason(), refundedAt);
        refunds.insert(refund);
        OrderRefunded event = new OrderRefunded(refund.refundId().toString(), orderId.toString(), order.orderNumber(),
                paymentId.toString(), payment.method(), order.currency(), refund.amount(), refund.reason(), refundedAt);
        OutboxEvent row = OutboxEvent.orderRefunded(order.venueId(), event, refundedAt);
        outbox.write(row);
        return new RefundResponse(event.refundId(), event.orderId(), event.paymentId(), event.method(),
                event.currency(), text(refund.amount(), order), text(remaining.subtract(refund.amount()), order),
                event.reason(), refundedAt.toString(), row.eventId().toString());
    }

    private static String text(BigDecimal amount, Order order) {
        return Amounts.atCurrencyScale(amount, order.currency()).toPlainString();
    }
}
