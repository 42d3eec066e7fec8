package com.ordercontrol.relay.delivery;

import com.ordercontrol.relay.config.RelaySettings;
import com.ordercontrol.relay.counters.RelayCounters;
import com.ordercontrol.relay.delivery.Verdict.Cause;
import com.ordercontrol.relay.queue.CloudEventQueue;
import com.ordercontrol.relay.queue.FailedAttempt;
import com.ordercontrol.relay.queue.NewEvent;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast path: while the durable queue holds nothing pending, events just read from the WAL go to the
 * cloud at once, on the capture thread, in batches within the usual limits, and only the delivery log is
 * written. An event the cloud refuses for itself is parked as the worker would park it. Whatever else
 * the cloud does not accept at once (an outage, a configuration fault, an event the reply does not name,
 * a batch refused as a whole) is handed back, in order, to be queued, with the failed attempt counted
 * and the next one scheduled as the worker would (the seed's backoff, or the cloud's
 * {@code Retry-After}); from then on the queue, its retry schedule and its cap take over until it is
 * empty again. Order holds: nothing goes this way while anything older waits in the queue.
 *
 * <p>At-least-once as before: the WAL position advances only after the delivery log (or the queue
 * insert) committed, so a kill at any point sends the same events again, and the cloud absorbs the repeat.
 */
public final class DirectDelivery {

    private static final Logger log = LoggerFactory.getLogger(DirectDelivery.class);

    private final boolean enabled;
    private final IngestClient client;
    private final CloudEventQueue queue;
    private final CloudLink link;
    private final BackoffPolicy backoff;
    private final RelayCounters counters;
    private final Clock clock;
    private final Clock wallClock;
    private final int batchMaxEvents;
    private final int batchMaxBytes;
    /** Set by the worker while, after the cloud refused a batch as a whole, events go one by one through the queue. */
    private volatile boolean batchesHeld;

    /**
     * What the cloud did not take at once, in order, for the queue.
     *
     * @param events the events to queue
     * @param failed the failed attempt to count for them; empty when they are due at once
     */
    public record Left(List<NewEvent> events, Optional<FailedAttempt> failed) {

        static Left all(List<NewEvent> events) {
            return new Left(events, Optional.empty());
        }
    }

    private DirectDelivery(RelaySettings settings, IngestClient client, CloudEventQueue queue, CloudLink link,
                           RelayCounters counters, Clock clock, Clock wallClock) {
        this.enabled = settings.directDelivery();
        this.client = client;
        this.queue = queue;
        this.link = link;
        this.backoff = new BackoffPolicy(settings.backoffBase(), settings.backoffCap(), settings.backoffJitter(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.counters = counters;
        this.clock = clock;
        this.wallClock = wallClock;
        this.batchMaxEvents = settings.batchMaxEvents();
        this.batchMaxBytes = settings.batchMaxBytes();
    }

    /**
     * The fast path of this relay; the {@link DeliveryWorker} given it shares its cloud link state.
     *
     * @param clock     the retry schedule's clock
     * @param wallClock real time, for stage timings
     */
    public static DirectDelivery create(RelaySettings settings, IngestClient client, CloudEventQueue queue,
                                        DataSource dataSource, RelayCounters counters, Clock clock, Clock wallClock) {
        return new DirectDelivery(settings, client, queue, new CloudLink(new CloudLinkTable(dataSource), counters),
                counters, clock, wallClock);
    }

    CloudLink link() {
        return link;
    }

    void holdBatches(boolean held) {
        batchesHeld = held;
    }

    /**
     * Sends {@code events} now if nothing older waits in the queue.
     *
     * @return what is left for the queue (everything when the fast path is off, the queue is busy or
     *         the delivery log cannot be written); events the delivery log already holds (a replayed WAL
     *         stretch) are neither sent nor left
     */
    public Left deliver(List<NewEvent> events) throws InterruptedException {
        if (!enabled || events.isEmpty() || batchesHeld) {
            return Left.all(events);
        }
        Optional<Set<UUID>> alreadyDelivered;
        try {
            alreadyDelivered = queue.deliveredIfIdle(events.stream().map(NewEvent::eventId).toList());
        } catch (SQLException e) {
            return Left.all(events); // the queue path retries the database
        }
        if (alreadyDelivered.isEmpty()) {
            return Left.all(events); // older events wait in the queue: they go first
        }
        if (!alreadyDelivered.get().isEmpty()) {
            // A replayed WAL stretch (restart after a kill): what the cloud already has is done.
            events = events.stream().filter(e -> !alreadyDelivered.get().contains(e.eventId())).toList();
        }
        int sent = 0;
        while (sent < events.size()) {
            List<NewEvent> batch = events.subList(sent,
                    sent + IngestClient.fitting(events.subList(sent, events.size()), batchMaxEvents, batchMaxBytes));
            Left left = send(batch);
            sent += batch.size();
            if (!left.events().isEmpty()) {
                List<NewEvent> rest = new ArrayList<>(left.events());
                rest.addAll(events.subList(sent, events.size()));
                return new Left(rest, left.failed());
            }
        }
        return Left.all(List.of());
    }

    /** One request; returns the events of {@code batch} the cloud did not accept. */
    private Left send(List<NewEvent> batch) throws InterruptedException {
        Instant start = wallClock.instant();
        long t0 = System.nanoTime();
        CloudReply reply = client.post(batch);
        counters.http.record((System.nanoTime() - t0) / 1000);
        counters.request();
        Judgement judgement = ReplyJudge.judge(batch, reply);
        if (judgement.splitBatch()) {
            link.observe(reply, Optional.empty(), false, clock.instant());
            return Left.all(batch); // the worker sends them again and splits the batch itself
        }
        if (judgement.wholeRequest().isPresent()) {
            return failed(batch, judgement.wholeRequest().get(), judgement.retryAfter(), reply);
        }
        List<UUID> delivered = new ArrayList<>();
        List<NewEvent> left = new ArrayList<>();
        Optional<Verdict.Retry> retry = Optional.empty();
        int status = reply.status();
        for (int i = 0; i < batch.size(); i++) {
            Verdict verdict = judgement.perEvent().get(i);
            if (verdict instanceof Verdict.Delivered d) {
                delivered.add(batch.get(i).eventId());
                status = d.status();
            } else if (verdict instanceof Verdict.Retry r) {
                left.add(batch.get(i));
                retry = retry.or(() -> Optional.of(r));
            } else if (!parked(batch.get(i), (Verdict.Park) verdict)) {
                left.add(batch.get(i));
            }
        }
        if (!delivered.isEmpty()) {
            try {
                queue.recordDelivered(delivered, status);
            } catch (SQLException e) {
                log.warn("delivered events could not be logged; they go through the queue (sent again): {}", e.toString());
                return Left.all(batch);
            }
            counters.delivered(delivered.size());
            long took = Duration.between(start, wallClock.instant()).toNanos() / 1000;
            for (int i = 0; i < delivered.size(); i++) {
                counters.queuedToDelivered.record(took);
            }
        }
        if (retry.isPresent()) {
            link.observe(reply, retry.get().fault(), !delivered.isEmpty(), clock.instant());
            return failed(left, retry.get(), judgement.retryAfter(), null);
        }
        link.observe(reply, Optional.empty(), !delivered.isEmpty(), clock.instant());
        return new Left(left, Optional.empty());
    }

    /** The first attempt of these events failed: counted, and the next one scheduled as the worker would. */
    private Left failed(List<NewEvent> events, Verdict.Retry retry, Optional<Duration> retryAfter, CloudReply reply) {
        Instant next = backoff.nextAttemptAt(clock.instant(), 0, retryAfter);
        if (reply != null) {
            link.observe(reply, retry.fault(), false, next);
        }
        counters.transientFailure();
        retryAfter.ifPresent(d -> counters.retryAfterHonoured());
        if (retry.cause() == Cause.UNCONFIRMED) {
            counters.unconfirmed();
        }
        if (retry.cause() == Cause.OUTAGE) {
            log.info("{} event(s) not delivered ({}), queued; next try at {}{}", events.size(), retry.reason(), next,
                    retryAfter.map(d -> " (the cloud's Retry-After: " + d.toSeconds() + " s)").orElse(""));
        }
        return new Left(events, Optional.of(new FailedAttempt(retry.reason(), next)));
    }

    /** Parks an event the cloud refused for itself, as the worker would; false if it must be queued instead. */
    private boolean parked(NewEvent event, Verdict.Park park) {
        try {
            queue.insertParked(event, park.status(), park.reason());
        } catch (SQLException e) {
            return false; // queued instead: the worker sends it again and parks it then
        }
        counters.parked(1);
        log.warn("event {} parked: the cloud refused it (HTTP {}: {}); run 'redrive' once the cause is fixed",
                event.eventId(), park.status(), park.reason());
        return true;
    }
}
