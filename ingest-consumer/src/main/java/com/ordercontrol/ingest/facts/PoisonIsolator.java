package com.ordercontrol.ingest.facts;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure one record can never stop the stream. A batch is written as a whole; when that fails:
 * <ul>
 * <li>an infrastructure failure ({@link Failures#isInfrastructure}) is rethrown at once, so the caller
 *     retries the same records without limit and skips nothing;</li>
 * <li>any other failure is retried up to {@code attempts} times; if it persists the batch is split in
 *     two halves, written in order, each half split again while it fails, until the failing record is
 *     alone; a lone record that still fails {@code attempts} times becomes a dead letter with the
 *     failure as its reason (and its raw bytes), and the records after it are written.</li>
 * </ul>
 * Halves are written in record order, so each venue's order is kept. A half written before a later
 * infrastructure failure is written again when the caller retries; the writer's idempotency absorbs it.
 * Decisions only; the writing is the {@link Target}'s.
 */
public final class PoisonIsolator {

    private static final Logger log = LoggerFactory.getLogger(PoisonIsolator.class);

    /** Attempts of a batch (and of a lone record) that fails for a reason that is not the infrastructure. */
    public static final int DEFAULT_ATTEMPTS = 3;
    /** Pause between those attempts. */
    public static final Duration DEFAULT_PAUSE = Duration.ofMillis(200);

    /** What the isolator drives: the fact writer, or a test double. */
    public interface Target {
        /** Writes the records in one transaction, or throws and writes nothing. */
        WriteSummary write(List<StreamRecord> records);

        /** Writes one record as a dead letter with this reason, or throws. */
        WriteSummary deadLetter(StreamRecord record, String reason);
    }

    /** How to wait between attempts (tests pass one that does not sleep). */
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final Target target;
    private final int attempts;
    private final Duration pause;
    private final Pause sleeper;
    private final Consumer<String> events;

    /**
     * @param events told {@code facts.unknown_failures} per failed attempt that was not the
     *               infrastructure, {@code facts.poison_isolated} per record dead-lettered this way
     */
    public PoisonIsolator(Target target, int attempts, Duration pause, Pause sleeper, Consumer<String> events) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.target = target;
        this.attempts = attempts;
        this.pause = pause;
        this.sleeper = sleeper;
        this.events = events;
    }

    /** With the defaults and a real pause. */
    public static PoisonIsolator of(Target target, Consumer<String> events) {
        return new PoisonIsolator(target, DEFAULT_ATTEMPTS, DEFAULT_PAUSE, d -> Thread.sleep(d.toMillis()), events);
    }

    /**
     * Writes the records, isolating any record that cannot be written. Throws only an infrastructure
     * failure (or a failure to write a dead letter), and then nothing of it needs to be kept.
     */
    public WriteSummary write(List<StreamRecord> records) {
        if (records.isEmpty()) {
            return WriteSummary.EMPTY;
        }
        return writeOrSplit(records, attempts);
    }

    private WriteSummary writeOrSplit(List<StreamRecord> records, int tries) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= tries; attempt++) {
            try {
                return target.write(records);
            } catch (RuntimeException e) {
                if (Failures.isInfrastructure(e)) {
                    throw e;
                }
                last = e;
                events.accept("facts.unknown_failures");
                log.warn("{} record(s) from {} not written (attempt {} of {}), not an infrastructure failure: {}",
                        records.size(), records.get(0), attempt, tries, Failures.reason(e));
                if (attempt < tries) {
                    pause();
                }
            }
        }
        if (records.size() == 1) {
            StreamRecord poison = records.get(0);
            String reason = Failures.reason(last);
            log.error("record {} cannot become facts; it goes to dead_letter_events: {}", poison, reason);
            WriteSummary written = target.deadLetter(poison, reason);
            events.accept("facts.poison_isolated");
            return written;
        }
        int middle = records.size() / 2;
        List<StreamRecord> first = records.subList(0, middle);
        List<StreamRecord> second = records.subList(middle, records.size());
        // A half of one record gets the full attempts before it is judged; bigger halves split at once.
        WriteSummary head = writeOrSplit(first, first.size() == 1 ? attempts : 1);
        return head.plus(writeOrSplit(second, second.size() == 1 ? attempts : 1));
    }

    private void pause() {
        try {
            sleeper.pause(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a batch", e);
        }
    }
}
