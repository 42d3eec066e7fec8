package com.ordercontrol.bench;

import com.ordercontrol.contract.OrderPaid;
import com.ordercontrol.contract.PaymentLine;
import com.ordercontrol.outbox.OutboxEvent;
import com.ordercontrol.outbox.OutboxWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes {@code order_paid} events into the POS database's outbox exactly as the pay route does (one
 * {@link OutboxWriter} insert per order, committed), and remembers when each one committed.
 */
final class OutboxFeeder {

    private final PosDatabase pos;
    private final String venueId;
    private final AtomicLong orderNumbers = new AtomicLong(100_000);
    /** eventId -> System.nanoTime() right after its transaction committed (steady load only). */
    private final Map<String, Long> committedAt = new ConcurrentHashMap<>();
    /** The backlog's eventIds in commit order. */
    private final List<String> backlogIds = new java.util.ArrayList<>();
    private final Totals totals = new Totals();

    OutboxFeeder(PosDatabase pos, String venueId) {
        this.pos = pos;
        this.venueId = venueId;
    }

    /** What was written: events, payments and the sums of amounts and tips. */
    static final class Totals {
        long events;
        long payments;
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal tip = BigDecimal.ZERO;

        synchronized void add(OrderPaid order) {
            events++;
            for (PaymentLine p : order.payments()) {
                payments++;
                amount = amount.add(p.amount());
                tip = tip.add(p.tip());
            }
        }
    }

    OutboxEvent nextEvent() {
        long n = orderNumbers.incrementAndGet();
        Instant now = Instant.now();
        BigDecimal total = BigDecimal.valueOf(500 + n % 4_000, 2);      // 5.00 .. 44.99
        BigDecimal tip = BigDecimal.valueOf(n % 300, 2);                 // 0.00 .. 2.99
        OrderPaid order;
        if (n % 5 == 0) { // a split payment
            BigDecimal first = total.divide(BigDecimal.valueOf(2), 2, java.math.RoundingMode.DOWN);
            order = new OrderPaid(UUID.randomUUID().toString(), n, "USD", total, List.of(
                    new PaymentLine(UUID.randomUUID().toString(), "card", first, tip, now),
                    new PaymentLine(UUID.randomUUID().toString(), "cash", total.subtract(first), BigDecimal.ZERO, now)));
        } else {
            order = new OrderPaid(UUID.randomUUID().toString(), n, "USD", total, List.of(
                    new PaymentLine(UUID.randomUUID().toString(), n % 2 == 0 ? "card" : "cash", total, tip, now)));
        }
        totals.add(order);
        return OutboxEvent.orderPaid(venueId, order, now);
    }

    /** {@code count} events in transactions of {@code perTransaction} (a backlog, written as fast as possible). */
    void backlog(int count, int perTransaction) throws SQLException {
        OutboxWriter writer = OutboxWriter.jdbc();
        try (Connection c = pos.connect()) {
            c.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                OutboxEvent e = nextEvent();
                writer.write(c, e);
                backlogIds.add(e.eventId().toString());
                if ((i + 1) % perTransaction == 0 || i == count - 1) {
                    c.commit();
                }
            }
        }
    }

    /** One order per transaction at {@code perSecond} for {@code duration} (steady load). */
    void steady(double perSecond, Duration duration) throws SQLException {
        OutboxWriter writer = OutboxWriter.jdbc();
        long interval = (long) (1_000_000_000L / perSecond);
        long start = System.nanoTime();
        long count = (long) (perSecond * duration.toNanos() / 1e9);
        try (Connection c = pos.connect()) {
            c.setAutoCommit(false);
            for (long i = 0; i < count; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                OutboxEvent e = nextEvent();
                writer.write(c, e);
                c.commit();
                committedAt.put(e.eventId().toString(), System.nanoTime());
            }
        }
    }

    List<String> backlogIds() {
        return backlogIds;
    }

    Map<String, Long> committedAt() {
        return committedAt;
    }

    Totals totals() {
        return totals;
    }

    String venueId() {
        return venueId;
    }
}
