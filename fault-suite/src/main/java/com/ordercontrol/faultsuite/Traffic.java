package com.ordercontrol.faultsuite;

import com.ordercontrol.localstack.PosClient;
import com.ordercontrol.localstack.PosClient.PaidOrder;
import com.ordercontrol.localstack.SampleDay;
import com.ordercontrol.localstack.SampleDay.SampleOrder;
import com.ordercontrol.localstack.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady stream of orders paid at every venue (card, cash, split payments, tips), with refunds mixed
 * in (partial and full, right after their order is paid), one thread per venue at a target rate. A pay
 * or refund call that fails (the POS or its database is down) is not retried: whether it committed is
 * for the verdict to find out from the POS's own tables.
 */
final class Traffic implements AutoCloseable {

    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger paid = new AtomicInteger();
    private final AtomicInteger refunded = new AtomicInteger();
    private final AtomicInteger failedCalls = new AtomicInteger();
    private final Map<String, Set<String>> acknowledgedPayments = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> acknowledgedRefunds = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    Traffic(List<VenueBox> venues, int ordersPerSecond, long seed) {
        for (int i = 0; i < venues.size(); i++) {
            VenueBox venue = venues.get(i);
            SampleDay day = new SampleDay(seed + i);
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            acknowledgedPayments.put(venue.venueId, acknowledged);
            Set<String> refunds = ConcurrentHashMap.newKeySet();
            acknowledgedRefunds.put(venue.venueId, refunds);
            Thread t = new Thread(() -> run(venue.posClient(), day, ordersPerSecond, acknowledged, refunds),
                    "traffic-" + venue.venueId);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    private void run(PosClient pos, SampleDay day, int ordersPerSecond, Set<String> acknowledged,
                     Set<String> refunds) {
        long intervalNanos = 1_000_000_000L / ordersPerSecond;
        long next = System.nanoTime();
        while (running) {
            SampleOrder order = day.orders(1).get(0);
            try {
                PaidOrder done = pos.pay(pos.createOrder(order.total()), order.tenders());
                acknowledged.addAll(done.paymentIds());
                paid.incrementAndGet();
                for (SampleDay.SampleRefund refund : order.refunds()) {
                    refunds.add(pos.refund(done.orderId(), done.paymentIds().get(refund.tender()), refund.amount(),
                            refund.amount() == null ? "returned in full" : "partly returned"));
                    refunded.incrementAndGet();
                }
            } catch (RuntimeException e) {
                failedCalls.incrementAndGet();
                Waits.pause(Duration.ofMillis(200));
            }
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Waits.pause(Duration.ofNanos(wait));
            } else {
                next = System.nanoTime();
            }
        }
    }

    /** Orders the POS confirmed with 200. */
    int paidOrders() {
        return paid.get();
    }

    /** Refunds the POS confirmed with 201. */
    int refunds() {
        return refunded.get();
    }

    int failedCalls() {
        return failedCalls.get();
    }

    /** Payment ids a venue's POS confirmed; each must be in its tables and in the cloud's facts. */
    Set<String> acknowledgedPayments(String venueId) {
        return acknowledgedPayments.getOrDefault(venueId, Set.of());
    }

    /** Refund ids a venue's POS confirmed; each must be in its tables and in the cloud's refund facts. */
    Set<String> acknowledgedRefunds(String venueId) {
        return acknowledgedRefunds.getOrDefault(venueId, Set.of());
    }

    @Override
    public void close() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
