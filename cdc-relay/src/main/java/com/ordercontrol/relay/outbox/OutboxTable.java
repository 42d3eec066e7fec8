package com.ordercontrol.relay.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The relay's reads and purges of the POS's {@code outbox_event} table (the POS only inserts).
 * Rows are read in creation order as {@link OutboxRow}s, the same type the WAL path builds.
 */
public final class OutboxTable {

    private static final String SELECT_MISSED = """
            select o.event_id::text, o.event_type, o.venue_id, o.occurred_at, o.payload::text, o.created_at
            from outbox_event o
            where o.created_at < ?
              and not exists (select 1 from cloud_event_queue q where q.event_id = o.event_id)
              and not exists (select 1 from relay_delivered_event d where d.event_id = o.event_id)
            order by o.created_at, o.event_id
            limit ?
            """;
    private static final String SELECT_SINCE = """
            select o.event_id::text, o.event_type, o.venue_id, o.occurred_at, o.payload::text, o.created_at
            from outbox_event o
            where o.created_at >= ? and (o.created_at, o.event_id) > (?, ?::uuid)
            order by o.created_at, o.event_id
            limit ?
            """;
    private static final String PURGE_DELIVERED = """
            delete from outbox_event o
            where o.created_at < ?
              and exists (select 1 from relay_delivered_event d where d.event_id = o.event_id)
            """;
    private static final String PURGE_LOG = """
            delete from relay_delivered_event d
            where d.delivered_at < ?
              and not exists (select 1 from outbox_event o where o.event_id = d.event_id)
            """;
    private static final String COUNT_UNDELIVERED_BEFORE = """
            select count(*) from outbox_event o
            where o.created_at < ?
              and not exists (select 1 from relay_delivered_event d where d.event_id = o.event_id)
            """;

    private final DataSource dataSource;

    public OutboxTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Outbox rows created before {@code createdBefore} that are neither queued nor delivered, oldest first. */
    public List<OutboxRow> missed(Instant createdBefore, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT_MISSED)) {
            ps.setTimestamp(1, Timestamp.from(createdBefore));
            ps.setInt(2, limit);
            return read(ps);
        }
    }

    /** Outbox rows created at or after {@code since}, after the row {@code (afterCreatedAt, afterId)}, oldest first. */
    public List<OutboxRow> since(Instant since, OutboxRow after, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT_SINCE)) {
            ps.setTimestamp(1, Timestamp.from(since));
            ps.setTimestamp(2, Timestamp.from(after == null ? Instant.EPOCH : after.createdAt()));
            ps.setString(3, after == null ? "00000000-0000-0000-0000-000000000000" : after.eventId());
            ps.setInt(4, limit);
            return read(ps);
        }
    }

    /**
     * Deletes delivered outbox rows created before {@code cutoff} and then the delivery log entries
     * older than it whose row is gone. Undelivered rows are never purged, however old.
     *
     * @return outbox rows deleted
     */
    public int purgeDelivered(Instant cutoff) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement rows = c.prepareStatement(PURGE_DELIVERED);
                 PreparedStatement log = c.prepareStatement(PURGE_LOG)) {
                rows.setTimestamp(1, Timestamp.from(cutoff));
                int deleted = rows.executeUpdate();
                log.setTimestamp(1, Timestamp.from(cutoff));
                log.executeUpdate();
                c.commit();
                return deleted;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Outbox rows older than {@code cutoff} the cloud has not accepted yet (kept past retention). */
    public long undeliveredBefore(Instant cutoff) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(COUNT_UNDELIVERED_BEFORE)) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<OutboxRow> read(PreparedStatement ps) throws SQLException {
        List<OutboxRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new OutboxRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                        rs.getString(5), rs.getTimestamp(6).toInstant()));
            }
        }
        return rows;
    }
}
