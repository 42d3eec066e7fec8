package com.ordercontrol.ingest.replay;

import com.ordercontrol.ingest.facts.WriteSummary;
import java.time.Duration;

/**
 * What a replay did and how fast.
 *
 * @param target  {@code live} or the fresh schema's name
 * @param written counts from the fact writer
 * @param elapsed wall time from the first poll to the last commit
 */
public record ReplaySummary(String target, WriteSummary written, Duration elapsed) {

    /** Records read per second of wall time. */
    public double eventsPerSecond() {
        double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
        return written.eventsRead() / seconds;
    }

    @Override
    public String toString() {
        return String.format("replay into %s: events read %d, events stored %d, facts written %d, "
                + "duplicates skipped %d, dead letters %d, in %.1f s (%.0f events/s)", target, written.eventsRead(),
                written.eventsStored(), written.factsWritten(), written.duplicatesSkipped(), written.deadLetters(),
                elapsed.toMillis() / 1000.0, eventsPerSecond());
    }
}
