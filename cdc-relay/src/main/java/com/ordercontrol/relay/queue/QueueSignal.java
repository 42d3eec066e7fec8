package com.ordercontrol.relay.queue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A wake-up call between threads: "events were queued" for the delivery worker, "room was made" for
 * the WAL reader under back-pressure. A signal sent while nobody waits is not lost.
 */
final class QueueSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long generation;
    private long seen;

    /** Wakes the waiter (or the next one to wait). */
    void signal() {
        lock.lock();
        try {
            generation++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until signalled or the timeout passes; returns at once if a signal came since the last wait. */
    void await(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, timeout.toMillis()));
            while (generation == seen && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            seen = generation;
        } finally {
            lock.unlock();
        }
    }
}
