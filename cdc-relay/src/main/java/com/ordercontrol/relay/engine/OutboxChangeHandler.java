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
    private volatile boolean stopping;

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
        List<NewEvent> events = new ArrayList<>();
        List<Integer> recordOfEvent = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Optional<EventEnvelope> envelope = OutboxRecords.envelopeOf(records.get(i).record());
            if (envelope.isPresent()) {
                events.add(NewEvent.of(envelope.get()));
                recordOfEvent.add(i);
            }
        }
        int marked = 0;
        int queued = 0;
        while (true) {
            List<NewEvent> rest = events.subList(queued, events.size());
            int taken = retrying(() -> queue.enqueueWithinCap(rest, capacity, false));
            queued += taken;
            if (taken > 0) {
                counters.captured(taken);
                enqueued.signal();
            }
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

    /** The queue is full: the WAL waits, in the slot and the outbox table, until the worker makes room. */
    private void waitForRoom() throws InterruptedException {
        if (stopping) {
            // Unmarked records are replayed from the slot after restart; nothing is lost.
            throw new InterruptedException("relay stopping while the queue is full");
        }
        if (!counters.backPressure()) {
            log.warn("queue full ({} events): reading from the WAL paused until the cloud takes events again", capacity);
        }
        counters.backPressureOn();
        drained.await(ROOM_RECHECK);
    }

    /** Lets a handler waiting for room give up so the engine can stop. */
    void stop() {
        stopping = true;
        drained.signal();
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
