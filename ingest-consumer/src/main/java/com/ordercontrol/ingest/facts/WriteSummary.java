package com.ordercontrol.ingest.facts;

/**
 * What writing a batch of records did.
 *
 * @param eventsRead        records read
 * @param eventsStored      new rows in {@code events}
 * @param factsWritten      new rows in {@code payment_facts} and {@code refund_facts}
 * @param duplicatesSkipped records whose event (or identical payment) was already stored
 * @param deadLetters       records that went to {@code dead_letter_events}
 */
public record WriteSummary(long eventsRead, long eventsStored, long factsWritten, long duplicatesSkipped,
        long deadLetters) {

    public static final WriteSummary EMPTY = new WriteSummary(0, 0, 0, 0, 0);

    public WriteSummary plus(WriteSummary other) {
        return new WriteSummary(eventsRead + other.eventsRead, eventsStored + other.eventsStored,
                factsWritten + other.factsWritten, duplicatesSkipped + other.duplicatesSkipped,
                deadLetters + other.deadLetters);
    }
}
