package com.ordercontrol.ingest.health;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Owns {@code node_health}: the last report per node, and the one query the health read needs. */
public final class NodeHealthTable {

    private static final String UPSERT = """
            insert into node_health (node_id, received_at, reported_at, relay_version, queue_depth,
                                     oldest_pending_age_seconds, back_pressure, slot_lag_bytes, clock_skew_millis, parked)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (node_id) do update set
                received_at = excluded.received_at, reported_at = excluded.reported_at,
                relay_version = excluded.relay_version, queue_depth = excluded.queue_depth,
                oldest_pending_age_seconds = excluded.oldest_pending_age_seconds,
                back_pressure = excluded.back_pressure, slot_lag_bytes = excluded.slot_lag_bytes,
                clock_skew_millis = excluded.clock_skew_millis, parked = excluded.parked""";

    /** Every venue asked for, each enabled node of it (or one row of nulls), and its last report if any. */
    private static final String VENUES = """
            select v.venue_id, v.name, n.node_id, h.received_at, h.relay_version, h.queue_depth,
                   h.oldest_pending_age_seconds, h.back_pressure, h.slot_lag_bytes, h.clock_skew_millis, h.parked
            from venues v
            left join nodes n on n.venue_id = v.venue_id and n.enabled
            left join node_health h on h.node_id = n.node_id
            where v.venue_id = any (?)
            order by v.venue_id, n.node_id""";

    private static final String SILENT_NODES = """
            select count(*) from nodes n left join node_health h on h.node_id = n.node_id
            where n.enabled and (h.received_at is null or h.received_at < ?)""";

    /** One row of the health read: a venue with one of its nodes (null when it has none) and its last report. */
    record Row(String venueId, String venueName, String nodeId, Instant receivedAt, String relayVersion, Long queueDepth,
               Double oldestPendingAgeSeconds, Boolean backPressure, Long slotLagBytes, Long clockSkewMillis,
               Long parked) {
    }

    private final JdbcTemplate jdbc;

    public NodeHealthTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps this report as the node's last, received now. */
    public void save(String nodeId, NodeHealthReport r, Instant receivedAt) {
        jdbc.update(UPSERT, ps -> {
            ps.setString(1, nodeId);
            ps.setTimestamp(2, Timestamp.from(receivedAt));
            ps.setTimestamp(3, Timestamp.from(r.reportedAt()));
            ps.setString(4, r.relayVersion());
            ps.setObject(5, r.queueDepth(), Types.BIGINT);
            ps.setObject(6, r.oldestPendingAgeSeconds(), Types.DOUBLE);
            ps.setObject(7, r.backPressure(), Types.BOOLEAN);
            ps.setObject(8, r.slotLagBytes(), Types.BIGINT);
            ps.setObject(9, r.clockSkewMillis(), Types.BIGINT);
            ps.setObject(10, r.parked(), Types.BIGINT);
        });
    }

    /** The rows of these venues (unknown venue ids give nothing), ordered by venue and node. */
    List<Row> rows(Collection<String> venueIds) {
        return jdbc.query(c -> {
            var ps = c.prepareStatement(VENUES);
            ps.setArray(1, c.createArrayOf("text", venueIds.toArray()));
            return ps;
        }, (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4), rs.getString(5),
                number(rs, 6), rs.getObject(7) == null ? null : rs.getDouble(7), (Boolean) rs.getObject(8),
                number(rs, 9), number(rs, 10), number(rs, 11)));
    }

    /** Enabled nodes not heard from since {@code cutoff} (or never). */
    long silentNodes(Instant cutoff) {
        Long n = jdbc.queryForObject(SILENT_NODES, Long.class, Timestamp.from(cutoff));
        return n == null ? 0 : n;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Long number(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
