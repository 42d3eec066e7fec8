package com.ordercontrol.relay.ops;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Running totals of one relay process since it started, so that every delivery, park, retry,
 * back-pressure wait and reconciled event is counted and visible (status and JMX).
 */
public final class RelayCounters {

    final AtomicLong delivered = new AtomicLong();
    final AtomicLong transientFailures = new AtomicLong();
    final AtomicLong parked = new AtomicLong();
    final AtomicLong becameStuck = new AtomicLong();
    final AtomicLong captured = new AtomicLong();
    final AtomicLong reconciled = new AtomicLong();
    final AtomicLong backPressureWaits = new AtomicLong();
    final AtomicBoolean backPressure = new AtomicBoolean();

    public void delivered() {
        delivered.incrementAndGet();
    }

    public void transientFailure() {
        transientFailures.incrementAndGet();
    }

    public void parked() {
        parked.incrementAndGet();
    }

    public void becameStuck() {
        becameStuck.incrementAndGet();
    }

    public void captured(int n) {
        captured.addAndGet(n);
    }

    public void reconciled(int n) {
        reconciled.addAndGet(n);
    }

    /** The WAL reader started waiting because the queue is full. */
    public void backPressureOn() {
        if (backPressure.compareAndSet(false, true)) {
            backPressureWaits.incrementAndGet();
        }
    }

    public void backPressureOff() {
        backPressure.set(false);
    }

    public boolean backPressure() {
        return backPressure.get();
    }

    public long deliveredTotal() {
        return delivered.get();
    }

    public long transientFailuresTotal() {
        return transientFailures.get();
    }

    public long parkedTotal() {
        return parked.get();
    }

    public long becameStuckTotal() {
        return becameStuck.get();
    }

    public long capturedTotal() {
        return captured.get();
    }

    public long reconciledTotal() {
        return reconciled.get();
    }

    public long backPressureWaitsTotal() {
        return backPressureWaits.get();
    }
}
