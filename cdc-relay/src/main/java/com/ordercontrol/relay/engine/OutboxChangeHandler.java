package com.ordercontrol.relay.engine;

import com.ordercontrol.relay.counters.RelayCounters;
import com.ordercontrol.relay.delivery.DirectDelivery;
import com.ordercontrol.relay.outbox.OutboxRow;
import com.ordercontrol.relay.queue.CloudEventQueue;
import com.ordercontrol.relay.queue.NewEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves outbox inserts from the WAL to the cloud: straight away while the durable queue is empty
 * ({@link DirectDelivery}), otherwise, and for whatever the cloud did not accept at once, into the queue.
 * A record is marked processed only after its event was delivered and logged or the transaction that
 * queued it committed, so a crash replays it (the queue skips repeats, the cloud absorbs them).
 * When the queue holds its cap this handler waits (back-pressure): the rest of the batch stays in
 * the slot and in the outbox table until the worker makes room. Nothing is evicted.
 */
final class OutboxChangeHandler implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private static final Logger log = LoggerFactory.getLogger(OutboxChangeHandler.class);
    private static final Duration ROOM_RECHECK = Duration.ofSeconds(1);

    private final CloudEventQueue queue;
    private final DirectDelivery direct;
    private final RelayCounters counters;
    private final Clock wallClock;
    private volatile boolean stopping;

    /**
     * @param wallClock real time, to time capture against the database's commit timestamps
     */
    OutboxChangeHandler(CloudEventQueue queue, DirectDelivery direct, RelayCounters counters, Clock wallClock) {
        this.queue = queue;
        this.direct = direct;
        this.counters = counters;
        this.wallClock = wallClock;
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
                            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        List<NewEvent> captured = new ArrayList<>();
        List<Integer> recordOfCaptured = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Optional<OutboxRow> row = OutboxRecords.rowOf(records.get(i).record());
            if (row.isPresent()) {
                captured.add(row.get().toNewEvent());
                recordOfCaptured.add(i);
            }
        }
        if (!captured.isEmpty()) {
            counters.captured(captured.size());
            timeCapture(records, recordOfCaptured);
        }
        // What the cloud took at once is done; the rest (in order) goes to the queue.
        List<NewEvent> events = new ArrayList<>();
        List<Integer> recordOfEvent = new ArrayList<>();
        DirectDelivery.Left left = direct.deliver(captured);
        Set<NewEvent> undelivered = Collections.newSetFromMap(new IdentityHashMap<>());
        undelivered.addAll(left.events());
        for (int i = 0; i < captured.size(); i++) {
            if (undelivered.contains(captured.get(i))) {
                events.add(captured.get(i));
                recordOfEvent.add(recordOfCaptured.get(i));
            }
        }
        int marked = 0;
        int queued = 0;
        while (true) {
            List<NewEvent> rest = events.subList(queued, events.size());
            queued += retrying(() -> left.failed().isPresent() ? queue.offer(rest, left.failed().get()) : queue.offer(rest));
            // Everything before the first event that did not fit is durable (or not an event): mark it.
            int firstUnqueued = queued < events.size() ? recordOfEvent.get(queued) : records.size();
            for (; marked < firstUnqueued; marked++) {
                committer.markProcessed(records.get(marked));
            }
            if (queued == events.size()) {
                break;
            }
            waitForRoom();
        }
        counters.backPressureOff();
        committer.markBatchFinished();
    }

    /** Commit (the source's {@code ts_ms}) to captured, per event. */
    private void timeCapture(List<RecordChangeEvent<SourceRecord>> records, List<Integer> queuedRecords) {
        Instant now = wallClock.instant();
        for (int index : queuedRecords) {
            OutboxRecords.committedAt(records.get(index).record())
                    .ifPresent(commit -> counters.capture.record(Duration.between(commit, now).toNanos() / 1000));
        }
    }

    /** The queue is full: the WAL waits, in the slot and the outbox table, until the worker makes room. */
    private void waitForRoom() throws InterruptedException {
        if (stopping) {
            // Unmarked records are replayed from the slot after restart; nothing is lost.
            throw new InterruptedException("relay stopping while the queue is full");
        }
        if (!counters.backPressure()) {
            log.warn("queue full ({} events): reading from the WAL paused until the cloud takes events again",
                    queue.capacity());
        }
        counters.backPressureOn();
        queue.awaitRoom(ROOM_RECHECK);
    }

    /** Lets a handler waiting for room give up so the engine can stop. */
    void stop() {
        stopping = true;
        queue.wakeAll();
    }

    /**
     * The NUC database being briefly away must not skip events nor kill the engine: keep trying,
     * holding the WAL position, until it answers or the relay stops (interrupt).
     */
    private <T> T retrying(SqlCall<T> call) throws InterruptedException {
        Duration pause = Duration.ofMillis(200);
        while (true) {
            try {
                return call.run();
            } catch (SQLException e) {
                log.warn("queue not writable, retrying in {}: {}", pause, e.toString());
                if (stopping || Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("relay stopping");
                }
                Thread.sleep(pause.toMillis());
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : pause.multipliedBy(2);
            }
        }
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T run() throws SQLException;
    }
}
