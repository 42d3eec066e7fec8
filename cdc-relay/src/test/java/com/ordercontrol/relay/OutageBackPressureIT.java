package com.ordercontrol.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercontrol.relay.support.FakeCloud;
import com.ordercontrol.relay.support.MutableClock;
import com.ordercontrol.relay.support.Nuc;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The cloud is unreachable for a simulated six hours (injected clock) while 5,000 orders are paid:
 * the queue stops at its cap of 1,000 with back-pressure, the head is retried at 30 s, 60 s, 120 s …
 * capped at 1 h and flagged stuck after 10 failures, and after recovery all 5,000 arrive once, in order.
 */
class OutageBackPressureIT {

    private static final long[] SCHEDULE_SECONDS = {30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600, 3600, 3600};

    @Test
    void sixHourOutageWithFiveThousandOrdersLosesNothingAndDoublesNothing() throws Exception {
        Nuc nuc = new Nuc("outage");
        String slot = "outage_slot";
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        AtomicLong maxPending = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        try (FakeCloud cloud = FakeCloud.start();
             Relay relay = Relay.start(nuc.settings(cloud, slot), clock)) {
            nuc.awaitSlotActive(slot);
            sampler.scheduleWithFixedDelay(() -> maxPending.accumulateAndGet(
                    nuc.count("select count(*) from cloud_event_queue"), Math::max), 0, 10, TimeUnit.MILLISECONDS);
            cloud.goDown();
            Instant outageStart = clock.instant();

            List<String> ids = nuc.payOrders(5000);

            await().atMost(Duration.ofSeconds(30)).until(() -> relay.counters().backPressure());
            assertThat(nuc.count("select count(*) from cloud_event_queue")).isEqualTo(1000);
            assertThat(nuc.count("select count(*) from outbox_event")).isEqualTo(5000);
            assertThat(relay.status().backPressure()).isTrue();

            // Walk the head's retries through six simulated hours; each wait is exactly the seed's schedule.
            Instant nextTry;
            for (int failed = 0; ; failed++) {
                int attempts = failed + 1;
                await().atMost(Duration.ofSeconds(10)).until(() -> headAttempts(nuc) == attempts);
                nextTry = headNextRetry(nuc);
                assertThat(Duration.between(clock.instant(), nextTry)).as("wait after failure %d", attempts)
                        .isEqualTo(Duration.ofSeconds(SCHEDULE_SECONDS[failed]));
                assertThat(relay.status().stuck()).isEqualTo(attempts >= 10 ? 1 : 0);
                if (Duration.between(outageStart, nextTry).compareTo(Duration.ofHours(6)) >= 0) {
                    break;
                }
                clock.set(nextTry);
            }
            assertThat(relay.counters().becameStuckTotal()).isEqualTo(1);
            assertThat(cloud.acceptedCount()).isZero();
            assertThat(nuc.count("select count(*) from cloud_event_queue")).isEqualTo(1000);

            // The cloud is back; the head's next try, just past six hours of outage, starts the drain.
            cloud.comeBack();
            clock.set(nextTry);
            long drainStart = System.nanoTime();
            await().atMost(Duration.ofSeconds(120)).until(() -> cloud.acceptedCount() >= 5000);
            long drainMillis = (System.nanoTime() - drainStart) / 1_000_000;
            System.out.printf("5,000-event backlog after a simulated 6 h outage drained in %d ms%n", drainMillis);

            await().atMost(Duration.ofSeconds(5)).until(() -> nuc.count("select count(*) from cloud_event_queue") == 0);
            assertThat(cloud.acceptedIds()).containsExactlyElementsOf(ids); // each once, in commit order
            assertThat(cloud.badSignatures()).isZero();
            assertThat(maxPending.get()).isEqualTo(1000);
            assertThat(relay.status().backPressure()).isFalse();
        } finally {
            sampler.shutdownNow();
        }
    }

    private static int headAttempts(Nuc nuc) {
        return (int) nuc.count("select attempts from cloud_event_queue order by queue_position limit 1");
    }

    private static Instant headNextRetry(Nuc nuc) throws Exception {
        try (var c = nuc.connect(); var rs = c.createStatement().executeQuery(
                "select next_retry_at from cloud_event_queue order by queue_position limit 1")) {
            rs.next();
            Timestamp t = rs.getTimestamp(1);
            return t.toInstant();
        }
    }
}
