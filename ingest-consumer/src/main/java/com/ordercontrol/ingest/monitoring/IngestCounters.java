package com.ordercontrol.ingest.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Counts every acceptance, refusal (by reason) and dead letter since start, so nothing is refused or
 * parked silently. A thin facade over Micrometer: each name the service counts under (for example
 * {@code ingest.refused.401.wrong_signature}) is a registry counter with a conventional name and tags,
 * served at {@code /actuator/prometheus} on the management port (see docs/cloud-operations.md):
 * <ul>
 *   <li>{@code ingest.accepted} -> {@code ingest_events_accepted_total}</li>
 *   <li>{@code ingest.refused.<status>.<reason>} -> {@code ingest_events_refused_total{status,reason}}</li>
 *   <li>{@code ingest.unavailable.503} (every 503) -> {@code ingest_responses_unavailable_total};
 *       {@code ingest.unavailable.503.<cause>} -> {@code ingest_events_unavailable_total{cause}}</li>
 *   <li>{@code facts.facts_written} -> {@code ingest_facts_written_total}; {@code facts.dead_letters} ->
 *       {@code ingest_dead_letters_total}; other {@code facts.x} -> {@code ingest_facts_x_total}</li>
 *   <li>{@code reports.served} / {@code reports.refused.<status>.<reason>} -> {@code ingest_reports_*}</li>
 *   <li>{@code health.accepted} -> {@code ingest_health_reports_accepted_total}; {@code health.refused.<status>.<reason>}
 *       -> {@code ingest_health_refused_total{status,reason}}; {@code health.served} -> {@code ingest_health_reads_total}</li>
 * </ul>
 * Any other name is registered as it is.
 */
@Component
public class IngestCounters {

    private static final Pattern REFUSED = Pattern.compile("(ingest|reports|health)\\.refused\\.(\\d{3})\\.(.+)");
    private static final Pattern UNAVAILABLE = Pattern.compile("ingest\\.unavailable\\.503\\.(.+)");

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public IngestCounters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Adds one to the named counter, e.g. {@code ingest.refused.401.wrong_signature}. */
    public void increment(String name) {
        add(name, 1);
    }

    public void add(String name, long amount) {
        counters.computeIfAbsent(name, this::register).increment(amount);
    }

    /** What the named counter holds now (0 if it was never counted). */
    public long get(String name) {
        Counter counter = counters.get(name);
        return counter == null ? 0 : (long) counter.count();
    }

    /** All counters by the names they were counted under, sorted. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((name, counter) -> copy.put(name, (long) counter.count()));
        return copy;
    }

    private Counter register(String name) {
        Matcher refused = REFUSED.matcher(name);
        if (refused.matches()) {
            String meter = switch (refused.group(1)) {
                case "ingest" -> "ingest.events.refused";
                case "health" -> "ingest.health.refused";
                default -> "ingest.reports.refused";
            };
            return registry.counter(meter, Tags.of("status", refused.group(2), "reason", refused.group(3)));
        }
        Matcher unavailable = UNAVAILABLE.matcher(name);
        if (unavailable.matches()) {
            return registry.counter("ingest.events.unavailable", Tags.of("cause", unavailable.group(1)));
        }
        return switch (name) {
            case "ingest.accepted" -> registry.counter("ingest.events.accepted");
            case "ingest.unavailable.503" -> registry.counter("ingest.responses.unavailable");
            case "facts.facts_written" -> registry.counter("ingest.facts.written");
            case "facts.dead_letters" -> registry.counter("ingest.dead.letters");
            case "reports.served" -> registry.counter("ingest.reports.served");
            case "health.accepted" -> registry.counter("ingest.health.reports.accepted");
            case "health.replayed_webhook_ids" -> registry.counter("ingest.health.reports.replayed");
            case "health.served" -> registry.counter("ingest.health.reads");
            default -> registry.counter(name.startsWith("facts.")
                    ? "ingest.facts." + name.substring("facts.".length()).replace('_', '.') : name);
        };
    }
}
