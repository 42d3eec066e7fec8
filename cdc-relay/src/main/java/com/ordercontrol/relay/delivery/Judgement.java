package com.ordercontrol.relay.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The reading of one reply: either a failure of the whole request (it holds the queue at its head),
 * or one verdict per event sent, in the order sent. {@code splitBatch} says the cloud refused a batch
 * as a whole with a status that would park a single event (400, 413, 422): the events are then sent
 * one by one so each gets its own verdict (an older cloud that takes no arrays answers 400 too).
 *
 * @param wholeRequest the failure of the whole request, if it failed as a whole
 * @param perEvent     one verdict per event sent (empty when the request failed as a whole)
 * @param retryAfter   the cloud's {@code Retry-After}, honoured instead of the backoff schedule
 * @param splitBatch   send these events one at a time next
 */
record Judgement(Optional<Verdict.Retry> wholeRequest, List<Verdict> perEvent, Optional<Duration> retryAfter,
                 boolean splitBatch) {

    static Judgement failed(Verdict.Retry retry, Optional<Duration> retryAfter) {
        return new Judgement(Optional.of(retry), List.of(), retryAfter, false);
    }

    static Judgement split() {
        return new Judgement(Optional.empty(), List.of(), Optional.empty(), true);
    }

    static Judgement each(List<Verdict> perEvent) {
        return new Judgement(Optional.empty(), List.copyOf(perEvent), Optional.empty(), false);
    }
}
