package com.ordercontrol.ingest.monitoring;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/**
 * Counts every acceptance, refusal (by reason) and dead letter (by reason class) since start, so
 * nothing is refused or parked silently. Exposed as JSON at {@code GET /api/ops/counters}; kept this
 * small on purpose (no Micrometer registry is available in this build; a Micrometer binder can read
 * {@link #snapshot()} later).
 */
@Component
public class IngestCounters {

    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

    /** Adds one to the named counter, e.g. {@code ingest.refused.401.wrong_signature}. */
    public void increment(String name) {
        add(name, 1);
    }

    public void add(String name, long amount) {
        counters.computeIfAbsent(name, n -> new LongAdder()).add(amount);
    }

    public long get(String name) {
        LongAdder adder = counters.get(name);
        return adder == null ? 0 : adder.sum();
    }

    /** All counters, sorted by name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((name, adder) -> copy.put(name, adder.sum()));
        return copy;
    }
}
