package com.ordercontrol.relay.delivery;

import com.ordercontrol.relay.config.RelaySettings;
import com.ordercontrol.relay.counters.RelayCounters;
import com.ordercontrol.relay.delivery.Verdict.Cause;
import com.ordercontrol.relay.queue.CloudEventQueue;
import com.ordercontrol.relay.queue.QueuedEvent;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued events in queue order: everything due at the head, up to the batch limits, in one
 * POST (one event alone when there is no backlog). Events leave the queue only once the cloud's
 * answer names them; a kill at any point repeats at most the request in flight. A failure of the
 * whole request holds the queue until the head's retry time (order matters per venue); an event the
 * cloud refuses for itself is parked and the queue moves on. Wakes on every enqueue and at least
 * every worker interval.
 *
 * <p>One request is in flight at a time. When the cloud accepted every event of a request, their
 * deletion from the queue is committed on a second thread while the next request (the events behind
 * them) is already on its way; any other answer first waits for those commits, so retries and parks
 * are decided on a settled queue. A kill before such a commit sends those events again (the cloud
 * deduplicates), as it would for the request in flight.
 */
public final class DeliveryWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final Duration DB_RETRY = Duration.ofSeconds(5);
    /** After the cloud refused a batch as a whole, events go one by one for this long. */
    static final Duration SINGLE_EVENTS_AFTER_SPLIT = Duration.ofMinutes(5);

    private final CloudEventQueue queue;
    private final IngestClient client;
    private final BackoffPolicy backoff;
    private final CloudLink link;
    private final DirectDelivery direct;
    private final Clock clock;
    private final Clock wallClock;
    private final Duration interval;
    private final int batchMaxEvents;
    private final int batchMaxBytes;
    private final RelayCounters counters;
    private final StageLog stageLog;
    private final Thread thread;
    private final ExecutorService committer =
            Executors.newSingleThreadExecutor(r -> new Thread(r, "relay-delivery-commit"));
    private volatile boolean running = true;
    private Instant singleEventsUntil = Instant.MIN;
    /** Deletions of accepted events still being committed (in order, on {@link #committer}). */
    private CompletableFuture<Void> committing = CompletableFuture.completedFuture(null);
    /** Queue position of the last event accepted whose deletion may still be committing; 0: none. */
    private long sentUpTo;
    /** Set by a deletion that failed; the next look at the queue starts again from its head. */
    private volatile Exception commitFailure;

    private DeliveryWorker(RelaySettings settings, IngestClient client, CloudEventQueue queue, DirectDelivery direct,
                           RelayCounters counters, Clock clock, Clock wallClock) {
        this.queue = queue;
        this.wallClock = wallClock;
        this.client = client;
        this.backoff = new BackoffPolicy(settings.backoffBase(), settings.backoffCap(), settings.backoffJitter(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.link = direct.link();
        this.direct = direct;
        this.clock = clock;
        this.interval = settings.workerInterval();
        this.batchMaxEvents = settings.batchMaxEvents();
        this.batchMaxBytes = settings.batchMaxBytes();
        this.counters = counters;
        this.stageLog = new StageLog(counters);
        this.thread = new Thread(this::run, "relay-delivery");
    }

    /**
     * Starts delivering on its own thread.
     *
     * @param client    the signed HTTP client to the cloud (its wall clock signs and measures the skew)
     * @param direct    the capture thread's fast path, told when batches must wait (and sharing the link state)
     * @param clock     the retry schedule's clock (tests simulate hours with it)
     * @param wallClock real time: the clock skew against the cloud, stage timings
     */
    public static DeliveryWorker start(RelaySettings settings, IngestClient client, CloudEventQueue queue,
                                       DirectDelivery direct, RelayCounters counters, Clock clock, Clock wallClock) {
        DeliveryWorker worker = new DeliveryWorker(settings, client, queue, direct, counters, clock, wallClock);
        worker.thread.start();
        return worker;
    }

    private void run() {
        while (running) {
            try {
                Duration idle = deliverDue();
                if (idle != null) {
                    queue.awaitWork(idle);
                }
                stageLog.maybeLog();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                // The NUC database may be restarting; the queue is durable, so just try again later.
                log.warn("delivery paused, queue not readable: {}", e.toString());
                try {
                    // Not a full worker interval (30 s): a database restart should cost seconds of delivery.
                    queue.awaitWork(interval.compareTo(DB_RETRY) < 0 ? interval : DB_RETRY);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Stops after the request in flight (its events stay queued if its answer was not recorded). */
    @Override
    public void close() {
        running = false;
        queue.wakeAll();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        committer.shutdown(); // lets queued deletions commit; whatever does not is simply sent again
        try {
            committer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stageLog.logSummary();
    }

    /**
     * Sends the due head of the queue once.
     *
     * @return how long to sleep before looking again, or {@code null} to look again at once
     */
    Duration deliverDue() throws SQLException, InterruptedException {
        if (commitFailure != null) {
            settle();
        }
        Instant now = clock.instant();
        boolean single = now.isBefore(singleEventsUntil);
        direct.holdBatches(single);
        int limit = single ? 1 : batchMaxEvents;
        long read = System.nanoTime();
        List<QueuedEvent> head = queue.headAfter(sentUpTo, limit);
        counters.headRead.record((System.nanoTime() - read) / 1000);
        if (head.isEmpty() || (sentUpTo > 0 && head.get(0).nextRetryAt().isAfter(now))) {
            if (sentUpTo > 0) {
                settle();
                return null;
            }
            return interval;
        }
        Instant due = head.get(0).nextRetryAt();
        if (due.isAfter(now)) {
            Duration untilDue = Duration.between(now, due);
            return untilDue.compareTo(interval) < 0 ? untilDue : interval;
        }
        List<QueuedEvent> batch = head.subList(0, IngestClient.fitting(head, batchMaxEvents, batchMaxBytes));
        Instant sendStart = wallClock.instant();
        for (QueuedEvent e : batch) {
            counters.queueWait.record(Duration.between(e.queuedAt(), sendStart).toNanos() / 1000);
        }
        long t0 = System.nanoTime();
        CloudReply reply = client.post(batch);
        counters.http.record((System.nanoTime() - t0) / 1000);
        counters.request();
        Judgement judgement = ReplyJudge.judge(batch, reply);
        if (judgement.wholeRequest().isEmpty() && !judgement.splitBatch()
                && judgement.perEvent().stream().allMatch(Verdict.Delivered.class::isInstance)) {
            deleteInBackground(batch, ((Verdict.Delivered) judgement.perEvent().get(0)).status());
            link.observe(reply, Optional.empty(), true, now);
        } else {
            settle();
            apply(batch, judgement, reply, clock.instant());
        }
        return null; // the next look at the head finds it delivered, parked, or due later (then sleeps until due)
    }

    /** Commits the deletion of accepted events on the committer thread, after the ones before. */
    private void deleteInBackground(List<QueuedEvent> batch, int status) {
        List<QueuedEvent> events = List.copyOf(batch);
        sentUpTo = events.get(events.size() - 1).position();
        committing = committing.thenRunAsync(() -> {
            try {
                markDelivered(events, status);
            } catch (SQLException | RuntimeException e) {
                // The events stay queued; the worker settles and sends them again (the cloud deduplicates).
                commitFailure = e;
            }
        }, committer);
    }

    /** Waits for the deletions in progress; after a failed one, its events are read (and sent) again. */
    private void settle() {
        try {
            committing.join();
        } catch (CompletionException | CancellationException e) {
            commitFailure = e; // the committer was shut down under it
            committing = CompletableFuture.completedFuture(null);
        }
        Exception failure = commitFailure;
        if (failure != null) {
            commitFailure = null;
            log.warn("delivered events could not be deleted from the queue; they will be sent again: {}", failure.toString());
        }
        sentUpTo = 0;
    }

    private void markDelivered(List<QueuedEvent> delivered, int status) throws SQLException {
        long t0 = System.nanoTime();
        queue.markDelivered(delivered, status);
        counters.markDelivered.record((System.nanoTime() - t0) / 1000);
        Instant done = wallClock.instant();
        for (QueuedEvent e : delivered) {
            counters.queuedToDelivered.record(Duration.between(e.queuedAt(), done).toNanos() / 1000);
        }
        counters.delivered(delivered.size());
    }

    /** Records the reply in the queue: delivered, parked or due again later, event by event. */
    private void apply(List<QueuedEvent> batch, Judgement judgement, CloudReply reply, Instant now) throws SQLException {
        if (judgement.splitBatch()) {
            singleEventsUntil = now.plus(SINGLE_EVENTS_AFTER_SPLIT);
            direct.holdBatches(true);
            log.warn("the cloud refused a batch of {} events as a whole ({}); sending events one by one for {}"
                    + " so that each gets its own answer", batch.size(), reply.describe(), SINGLE_EVENTS_AFTER_SPLIT);
            link.observe(reply, Optional.empty(), false, now);
            return;
        }
        if (judgement.wholeRequest().isPresent()) {
            Verdict.Retry retry = judgement.wholeRequest().get();
            Instant next = retry(batch.get(0), retry, judgement.retryAfter(), now);
            link.observe(reply, retry.fault(), false, next);
            return;
        }
        List<QueuedEvent> delivered = new ArrayList<>();
        Optional<String> fault = Optional.empty();
        Instant next = now;
        for (int i = 0; i < batch.size(); i++) {
            QueuedEvent event = batch.get(i);
            Verdict verdict = judgement.perEvent().get(i);
            if (verdict instanceof Verdict.Delivered) {
                delivered.add(event);
            } else if (verdict instanceof Verdict.Park park) {
                queue.park(event, park.status(), park.reason());
                counters.parked(1);
                log.warn("event {} parked: the cloud refused it (HTTP {}: {}); run 'redrive' once the cause is fixed",
                        event.eventId(), park.status(), park.reason());
            } else if (verdict instanceof Verdict.Retry retry) {
                next = retry(event, retry, judgement.retryAfter(), now);
                fault = fault.or(retry::fault);
            }
        }
        if (!delivered.isEmpty()) {
            markDelivered(delivered, ((Verdict.Delivered) judgement.perEvent().get(batch.indexOf(delivered.get(0)))).status());
        }
        link.observe(reply, fault, !delivered.isEmpty(), next);
    }

    /** One more failed attempt for {@code event}; returns when it is due again. */
    private Instant retry(QueuedEvent event, Verdict.Retry retry, Optional<Duration> retryAfter, Instant now)
            throws SQLException {
        Instant next = backoff.nextAttemptAt(now, event.attempts(), retryAfter);
        queue.recordFailure(event, retry.reason(), next);
        counters.transientFailure();
        if (retryAfter.isPresent()) {
            counters.retryAfterHonoured();
        }
        if (retry.cause() == Cause.UNCONFIRMED) {
            counters.unconfirmed();
        }
        if (event.attempts() + 1 == event.maxAttempts()) {
            counters.becameStuck();
            log.error("event {} is stuck after {} failed attempts (last: {}); still retrying, at most {} apart",
                    event.eventId(), event.attempts() + 1, retry.reason(), backoff.delay(Integer.MAX_VALUE));
        } else if (retry.cause() == Cause.OUTAGE) {
            log.info("event {} not delivered ({}), attempt {}, next try at {}{}", event.eventId(), retry.reason(),
                    event.attempts() + 1, next, retryAfter.map(d -> " (the cloud's Retry-After: " + d.toSeconds() + " s)")
                            .orElse(""));
        }
        return next;
    }
}
