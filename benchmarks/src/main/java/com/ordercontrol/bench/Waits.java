package com.ordercontrol.bench;

import java.time.Duration;
import java.util.function.BooleanSupplier;

final class Waits {

    private Waits() {
    }

    /** Waits for {@code condition}; fails with the peer's log tail if the peer died or time ran out. */
    static void until(BooleanSupplier condition, Duration timeout, DebeziumServerPeer peer) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (peer != null && !peer.isAlive()) {
                throw new IllegalStateException("Debezium Server exited; log " + peer.log() + ":\n" + peer.tail(40));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout
                        + (peer == null ? "" : "; Debezium Server log " + peer.log() + ":\n" + peer.tail(40)));
            }
            sleep(20);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
