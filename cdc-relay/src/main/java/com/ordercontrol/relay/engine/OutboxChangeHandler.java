package com.ordercontrol.relay.engine;

import com.ordercontrol.contract.EventEnvelope;
import com.ordercontrol.relay.ops.RelayCounters;
import com.ordercontrol.relay.queue.CloudEventQueue;
import com.ordercontrol.relay.queue.NewEvent;
import com.ordercontrol.relay.queue.QueueSignal;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves outbox inserts from the WAL into the durable queue. A record is marked processed only after
 * the transaction that queued it committed, so a crash replays it (the queue skips repeats).
 * When the queue holds its cap this handler waits (back-pressure): the rest of the batch stays in
 * the slot and in the outbox table until the worker makes room. Nothing is evicted.
 */
final class OutboxChangeHandler implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private static final Logger log = LoggerFactory.getLogger(OutboxChangeHandler.class);
    private static final Duration ROOM_RECHECK = Duration.ofSeconds(1);

    private final CloudEventQueue queue;
    private final int capacity;
    private final QueueSignal enqueued;
    private final QueueSignal drained;
    private final RelayCounters counters;

    OutboxChangeHandler(CloudEventQueue queue, int capacity, QueueSignal enqueued, QueueSignal drained,
                        RelayCounters counters) {
        this.queue = queue;
        this.capacity = capacity;
        this.enqueued = enqueued;
        this.drained = drained;
        this.counters = counters;
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
                            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        int next = 0;
        while (next < records.size()) {
            long room = awaitRoom();
            // Take records up to `room` events; records that are not events ride along.
            List<RecordChangeEvent<SourceRecord>> chunk = new ArrayList<>();
            List<NewEvent> events = new ArrayList<>();
            while (next < records.size() && events.size() < room) {
                RecordChangeEvent<SourceRecord> record = records.get(next++);
                chunk.add(record);
                Optional<EventEnvelope> envelope = OutboxRecords.envelopeOf(record.record());
                envelope.map(NewEvent::of).ifPresent(events::add);
            }
            enqueueDurably(events);
            for (RecordChangeEvent<SourceRecord> record : chunk) {
                committer.markProcessed(record);
            }
        }
        committer.markBatchFinished();
    }

    /** Waits until the queue has room; returns how much. */
    private long awaitRoom() throws InterruptedException {
        while (true) {
            long pending = retrying(queue::pendingCount);
            if (pending < capacity) {
                counters.backPressureOff();
                return capacity - pending;
            }
            if (!counters.backPressure()) {
                log.warn("queue full ({} of {}): reading from the WAL paused until the cloud takes events again",
                        pending, capacity);
            }
            counters.backPressureOn();
            drained.await(ROOM_RECHECK);
        }
    }

    private void enqueueDurably(List<NewEvent> events) throws InterruptedException {
        if (events.isEmpty()) {
            return;
        }
        int added = retrying(() -> queue.enqueue(events));
        counters.captured(added);
        enqueued.signal();
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
                if (Thread.currentThread().isInterrupted()) {
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
