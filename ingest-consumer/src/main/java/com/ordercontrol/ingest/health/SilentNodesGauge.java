package com.ordercontrol.ingest.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code ingest_nodes_silent} on the management port: enabled nodes with no health report within
 * {@code ingest.health.silent-after} (or none ever), counted by one query when scraped; NaN while the
 * database cannot answer.
 */
@Component
class SilentNodesGauge {

    private static final Logger log = LoggerFactory.getLogger(SilentNodesGauge.class);

    private final NodeHealthTable table;
    private final HealthSettings settings;
    private final Clock clock;

    SilentNodesGauge(MeterRegistry registry, JdbcTemplate jdbc, HealthSettings settings, Clock clock) {
        this.table = new NodeHealthTable(jdbc);
        this.settings = settings;
        this.clock = clock;
        Gauge.builder("ingest.nodes.silent", this, SilentNodesGauge::count)
                .description("enabled nodes with no health report within ingest.health.silent-after (or never)")
                .register(registry);
    }

    double count() {
        try {
            return table.silentNodes(clock.instant().minus(settings.silentAfter()));
        } catch (DataAccessException e) {
            log.debug("silent nodes not counted, the database did not answer: {}", e.toString());
            return Double.NaN;
        }
    }
}
