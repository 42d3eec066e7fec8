package com.ordercontrol.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QueueSignalTest {

    @Test
    void aSignalSentBeforeTheWaitIsNotLost() throws Exception {
        QueueSignal signal = new QueueSignal();
        signal.signal();

        long start = System.nanoTime();
        signal.await(Duration.ofSeconds(10));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aSignalIsConsumedByOneWait() throws Exception {
        QueueSignal signal = new QueueSignal();
        signal.signal();
        signal.await(Duration.ofSeconds(10));

        long start = System.nanoTime();
        signal.await(Duration.ofMillis(100));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(90));
    }

    @Test
    void wakesAWaiterAtOnce() throws Exception {
        QueueSignal signal = new QueueSignal();
        CompletableFuture<Long> waited = CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            try {
                signal.await(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return System.nanoTime() - start;
        });

        signal.signal();

        assertThat(Duration.ofNanos(waited.get(10, TimeUnit.SECONDS))).isLessThan(Duration.ofSeconds(10));
    }
}
