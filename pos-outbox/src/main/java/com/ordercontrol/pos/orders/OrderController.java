package com.ordercontrol.pos.orders;

import com.ordercontrol.pos.PosProperties;
import com.ordercontrol.pos.money.Amounts;
import com.ordercontrol.pos.web.ConflictException;
import com.ordercontrol.pos.web.InvalidInputException;
import com.ordercontrol.pos.web.NotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/orders}, {@code GET /api/orders/{orderId}} and {@code POST /api/orders/{orderId}/void}. */
@RestController
@RequestMapping("/api/orders")
class OrderController {

    private final OrderStore orders;
    private final PaymentStore payments;
    private final PosProperties settings;
    private final Clock clock;

    OrderController(OrderStore orders, PaymentStore payments, PosProperties settings, Clock clock) {
        this.orders = orders;
        this.payments = payments;
        this.settings = settings;
        this.clock = clock;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    OrderView create(@RequestBody(required = false) CreateOrderRequest request) {
        if (request == null) {
            throw new InvalidInputException("request body is required: {\"total\":\"12.99\"}");
        }
        Currency currency = request.currency() == null
                ? settings.defaultCurrency()
                : Amounts.currency("currency", request.currency());
        BigDecimal total = Amounts.positive("total", request.total(), currency);
        // Micros: what PostgreSQL keeps, so the response equals what a later GET reads.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Order order = orders.insert(UUID.randomUUID(), settings.venueId(), currency.getCurrencyCode(), total, now);
        return OrderView.created(order);
    }

    /**
     * Voids an open, unpaid order. No money moved, so nothing goes to the outbox: the cloud never hears
     * of it. One conditional UPDATE, so a concurrent pay either finds the order void (409) or wins and
     * the void finds it paid (409).
     */
    @PostMapping("/{orderId}/void")
    OrderView voidOrder(@PathVariable UUID orderId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!orders.markVoid(orderId, now)) {
            Order order = orders.find(orderId)
                    .orElseThrow(() -> new NotFoundException("order " + orderId + " does not exist"));
            throw new ConflictException("order " + orderId + " is " + order.status()
                    + "; only an open, unpaid order can be voided (refund a paid order's payments instead)");
        }
        return OrderView.created(orders.find(orderId).orElseThrow());
    }

    @GetMapping("/{orderId}")
    OrderView get(@PathVariable UUID orderId) {
        Order order = orders.find(orderId).orElseThrow(() -> new NotFoundException("order " + orderId + " does not exist"));
        return OrderView.withPayments(order, payments.findByOrder(orderId));
    }
}
