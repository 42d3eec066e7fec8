package com.ordercontrol.relay.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.jmx.JmxConfig;
import io.micrometer.jmx.JmxMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import com.ordercontrol.relay.counters.RelayCounters;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's management port: {@code GET /health} (200 {@code UP} while the NUC database answers, 503
 * {@code DOWN} otherwise) and {@code GET /prometheus} (Micrometer, Prometheus text format). The same
 * meters are on JMX (domain {@code metrics}), next to the {@link RelayMetrics} MBean. Figures that live in
 * the database are read at most once a second, whatever the scrape rate.
 *
 * <p>Metric names: {@code relay_queue_depth}, {@code relay_queue_capacity},
 * {@code relay_queue_oldest_pending_age_seconds}, {@code relay_queue_parked}, {@code relay_queue_stuck},
 * {@code relay_backpressure} (1 while the queue is full), {@code relay_slot_lag_bytes},
 * {@code relay_slot_active}, {@code relay_deliveries_total}, {@code relay_delivery_failures_total{class}}
 * ({@code transient}: network, 5xx, 408/425/429; {@code refused}: parked 4xx), {@code relay_events_stuck_total},
 * {@code relay_events_captured_total}, {@code relay_events_reconciled_total},
 * {@code relay_backpressure_episodes_total}, {@code relay_configuration_fault}, {@code relay_requests_total},
 * {@code relay_retry_after_honoured_total}, {@code relay_clock_skew_seconds} (this box's clock minus the cloud's).
 */
public final class RelayManagement implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RelayManagement.class);

    /** Reads the figures of the status command (the relay's {@code status()}). */
    @FunctionalInterface
    public interface StatusSource {
        RelayStatus read() throws SQLException;
    }

    private final HttpServer server;
    private final CompositeMeterRegistry registry;
    private final PrometheusMeterRegistry prometheus;
    private final CachedStatus status;

    private RelayManagement(HttpServer server, CompositeMeterRegistry registry, PrometheusMeterRegistry prometheus,
                            CachedStatus status) {
        this.server = server;
        this.registry = registry;
        this.prometheus = prometheus;
        this.status = status;
    }

    /**
     * Binds {@code address:port} (port 0: any free port) and serves until {@link #close()}.
     *
     * @throws IOException when the port cannot be bound
     */
    public static RelayManagement start(String address, int port, StatusSource source, RelayCounters counters,
                                        String slotName) throws IOException {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CompositeMeterRegistry registry = new CompositeMeterRegistry();
        registry.add(prometheus);
        registry.add(new JmxMeterRegistry(JmxConfig.DEFAULT, Clock.SYSTEM));
        registry.config().commonTags("application", "cdc-relay", "slot", slotName);
        CachedStatus status = new CachedStatus(source);
        bind(registry, status, counters);
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 16);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "relay-management");
            t.setDaemon(true);
            return t;
        }));
        RelayManagement management = new RelayManagement(server, registry, prometheus, status);
        server.createContext("/health", management::health);
        server.createContext("/prometheus", management::prometheus);
        server.createContext("/metrics", management::prometheus);
        server.start();
        log.info("relay management on http://{}:{}/health and /prometheus", address, server.getAddress().getPort());
        return management;
    }

    /** The bound port (useful when started on port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    public MeterRegistry registry() {
        return registry;
    }

    private static void bind(MeterRegistry registry, CachedStatus status, RelayCounters counters) {
        gauge(registry, "relay.queue.depth", null, "events waiting for delivery", status, s -> s.pending());
        gauge(registry, "relay.queue.capacity", null, "the queue cap", status, s -> s.capacity());
        gauge(registry, "relay.queue.oldest.pending.age", "seconds", "age of the oldest pending event", status,
                s -> s.oldestPendingAge().map(Duration::toMillis).orElse(0L) / 1000.0);
        gauge(registry, "relay.queue.parked", null, "events refused by the cloud, waiting for redrive", status,
                s -> s.parked());
        gauge(registry, "relay.queue.stuck", null, "pending events past their max attempts", status, s -> s.stuck());
        gauge(registry, "relay.backpressure", null, "1 while the queue is full and the WAL is not read", status,
                s -> s.backPressure() || counters.backPressure() ? 1 : 0);
        gauge(registry, "relay.slot.lag", "bytes", "WAL retained by the replication slot", status,
                s -> s.slotLagBytes().isPresent() ? s.slotLagBytes().getAsLong() : Double.NaN);
        gauge(registry, "relay.slot.active", null, "1 while the replication slot is streaming", status,
                s -> s.slotActive() ? 1 : 0);
        gauge(registry, "relay.outbox.held.past.retention", null, "undelivered outbox events older than retention",
                status, s -> s.heldPastRetention());
        counter(registry, "relay.deliveries", Tags.empty(), "events accepted by the cloud", counters,
                RelayCounters::deliveredTotal);
        counter(registry, "relay.delivery.failures", Tags.of("class", "transient"),
                "failed attempts that will be retried", counters, RelayCounters::transientFailuresTotal);
        counter(registry, "relay.delivery.failures", Tags.of("class", "refused"),
                "events refused by the cloud and parked", counters, RelayCounters::parkedTotal);
        counter(registry, "relay.events.stuck", Tags.empty(), "events flagged stuck", counters,
                RelayCounters::becameStuckTotal);
        counter(registry, "relay.events.captured", Tags.empty(), "events read from the WAL", counters,
                RelayCounters::capturedTotal);
        counter(registry, "relay.events.reconciled", Tags.empty(), "events the sweep queued", counters,
                RelayCounters::reconciledTotal);
        counter(registry, "relay.backpressure.episodes", Tags.empty(), "times the queue filled up", counters,
                RelayCounters::backPressureWaitsTotal);
        counter(registry, "relay.delivery.failures", Tags.of("class", "configuration"),
                "401/403/404/410 answers: retried with an alarm, never parked", counters,
                RelayCounters::configFaultsTotal);
        counter(registry, "relay.delivery.failures", Tags.of("class", "unconfirmed"),
                "2xx answers that did not name the events sent (not counted as delivered)", counters,
                RelayCounters::unconfirmedTotal);
        counter(registry, "relay.requests", Tags.empty(), "POSTs sent (single events or batches)", counters,
                RelayCounters::requestsTotal);
        counter(registry, "relay.health.reports", Tags.of("outcome", "accepted"),
                "node health reports the cloud accepted", counters, RelayCounters::healthReportsTotal);
        counter(registry, "relay.health.reports", Tags.of("outcome", "failed"),
                "node health reports refused or unanswered (never retried early)", counters,
                RelayCounters::healthReportFailuresTotal);
        counter(registry, "relay.retry.after.honoured", Tags.empty(), "retries scheduled by the cloud's Retry-After",
                counters, RelayCounters::retryAfterHonouredTotal);
        Gauge.builder("relay.configuration.fault", counters, c -> c.configFaultNow() ? 1 : 0)
                .description("1 while the cloud refuses this node's configuration (401/403/404/410)").register(registry);
        Gauge.builder("relay.clock.skew", counters,
                c -> c.clockSkewMillis() == Long.MIN_VALUE ? Double.NaN : c.clockSkewMillis() / 1000.0)
                .baseUnit("seconds")
                .description("this box's clock minus the cloud's Date header (signatures allow 5 min)")
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    private static void gauge(MeterRegistry registry, String name, String unit, String description, CachedStatus status,
                              ToDoubleFunction<RelayStatus> value) {
        Gauge.builder(name, status, s -> s.value(value)).baseUnit(unit).description(description).register(registry);
    }

    private static void counter(MeterRegistry registry, String name, Tags tags, String description,
                                RelayCounters counters, ToDoubleFunction<RelayCounters> value) {
        FunctionCounter.builder(name, counters, value).tags(tags).description(description).register(registry);
    }

    private void health(HttpExchange exchange) throws IOException {
        String body;
        int code;
        try {
            RelayStatus s = status.fresh();
            code = 200;
            body = "{\"status\":\"UP\",\"components\":{\"db\":{\"status\":\"UP\"},\"slot\":{\"exists\":"
                    + s.slotExists() + ",\"active\":" + s.slotActive() + "},\"queue\":{\"depth\":" + s.pending()
                    + ",\"capacity\":" + s.capacity() + ",\"parked\":" + s.parked() + "}}}";
        } catch (SQLException | RuntimeException e) {
            code = 503;
            body = "{\"status\":\"DOWN\",\"components\":{\"db\":{\"status\":\"DOWN\",\"error\":\""
                    + String.valueOf(e.getMessage()).replace("\\", "\\\\").replace("\"", "'") + "\"}}}";
        }
        send(exchange, code, "application/json", body);
    }

    private void prometheus(HttpExchange exchange) throws IOException {
        send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", prometheus.scrape());
    }

    private static void send(HttpExchange exchange, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(code, -1);
        } else {
            exchange.sendResponseHeaders(code, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        registry.close();
    }

    /** The status read from the database at most once a second; a failed read shows as NaN. */
    static final class CachedStatus {
        private final StatusSource source;
        private RelayStatus last;
        private Instant readAt = Instant.EPOCH;

        CachedStatus(StatusSource source) {
            this.source = source;
        }

        synchronized RelayStatus fresh() throws SQLException {
            last = source.read();
            readAt = Instant.now();
            return last;
        }

        synchronized double value(ToDoubleFunction<RelayStatus> f) {
            if (Duration.between(readAt, Instant.now()).toMillis() > 1000) {
                try {
                    fresh();
                } catch (SQLException | RuntimeException e) {
                    last = null;
                    readAt = Instant.now();
                }
            }
            return last == null ? Double.NaN : f.applyAsDouble(last);
        }
    }
}
