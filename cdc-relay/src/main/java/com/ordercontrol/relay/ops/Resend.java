package com.ordercontrol.relay.ops;

import com.ordercontrol.relay.outbox.OutboxRow;
import com.ordercontrol.relay.outbox.OutboxTable;
import com.ordercontrol.relay.queue.CloudEventQueue;
import com.ordercontrol.relay.queue.NewEvent;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Queues a window of outbox events again, delivered or not (the cloud deduplicates on eventId).
 * Keeps to the queue cap: when the queue is full it waits for the running relay to make room, and
 * gives up (saying how far it got) if no room appears for {@code patience}.
 */
final class Resend {

    private static final int PAGE = 500;

    private final OutboxTable outbox;
    private final CloudEventQueue queue;
    private final Duration patience;

    Resend(OutboxTable outbox, CloudEventQueue queue, Duration patience) {
        this.outbox = outbox;
        this.queue = queue;
        this.patience = patience;
    }

    /** @return events queued (or already waiting) */
    long since(Instant since, PrintStream out) throws SQLException, InterruptedException {
        long done = 0;
        OutboxRow after = null;
        long waitingSince = System.nanoTime();
        while (true) {
            List<OutboxRow> page = outbox.since(since, after, PAGE);
            if (page.isEmpty()) {
                out.println("resend: " + done + " events since " + since + " queued for delivery");
                return done;
            }
            List<NewEvent> events = page.stream().map(OutboxRow::toNewEvent).toList();
            int taken = queue.offerAgain(events);
            done += taken;
            if (taken > 0) {
                after = page.get(taken - 1);
                waitingSince = System.nanoTime();
            }
            if (taken < events.size()) {
                if (System.nanoTime() - waitingSince > patience.toNanos()) {
                    out.println("resend: queue full for " + patience.toSeconds() + " s; queued " + done
                            + " events up to " + after.createdAt() + ". Is the relay running? Run again with --since "
                            + after.createdAt() + " to continue.");
                    return done;
                }
                Thread.sleep(500); // waiting for the relay in another process to drain; no signal crosses processes
            }
        }
    }
}
