package com.ordercontrol.relay.ops;

import com.ordercontrol.relay.delivery.CloudLinkTable;
import com.ordercontrol.relay.outbox.OutboxTable;
import com.ordercontrol.relay.queue.CloudEventQueue;
import com.ordercontrol.relay.queue.QueueFigures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.sql.DataSource;

/** Reads the relay's figures from the NUC database, so they are right whether or not the relay runs. */
public final class StatusReader {

    private static final String SLOT = """
            select active, pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint
            from pg_replication_slots where slot_name = ?
            """;

    private final DataSource dataSource;
    private final CloudEventQueue queue;
    private final OutboxTable outbox;
    private final CloudLinkTable cloudLink;
    private final String slotName;
    private final Duration retention;
    private final Clock clock;

    public StatusReader(DataSource dataSource, CloudEventQueue queue, String slotName, Duration retention, Clock clock) {
        this.dataSource = dataSource;
        this.queue = queue;
        this.outbox = new OutboxTable(dataSource);
        this.cloudLink = new CloudLinkTable(dataSource);
        this.slotName = slotName;
        this.retention = retention;
        this.clock = clock;
    }

    public RelayStatus read() throws SQLException {
        Instant now = clock.instant();
        QueueFigures q = queue.figures();
        boolean exists = false;
        boolean active = false;
        OptionalLong lag = OptionalLong.empty();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SLOT)) {
            ps.setString(1, slotName);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    exists = true;
                    active = rs.getBoolean(1);
                    long l = rs.getLong(2);
                    lag = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(l);
                }
            }
        }
        return new RelayStatus(q.pending(), queue.capacity(), q.oldestPending().map(t -> Duration.between(t, now)),
                q.parked(), q.stuck(), exists, active, lag, q.lastDelivery(), outbox.undeliveredBefore(now.minus(retention)),
                cloudLink.read());
    }
}
