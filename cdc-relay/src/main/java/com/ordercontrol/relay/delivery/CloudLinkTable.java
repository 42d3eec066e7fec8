package com.ordercontrol.relay.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/** The one row of {@code relay_cloud_link} (migration V4); every statement on it lives here. */
public final class CloudLinkTable {

    private static final String UPSERT = """
            insert into relay_cloud_link (link_id, last_answer_at, last_http_status, clock_skew_ms, fault_since, fault_reason)
            values (1, ?, ?, ?, ?, ?)
            on conflict (link_id) do update set last_answer_at = excluded.last_answer_at,
                last_http_status = excluded.last_http_status, clock_skew_ms = excluded.clock_skew_ms,
                fault_since = excluded.fault_since, fault_reason = excluded.fault_reason
            """;
    private static final String SELECT = """
            select last_answer_at, last_http_status, clock_skew_ms, fault_since, fault_reason
            from relay_cloud_link where link_id = 1
            """;

    private final DataSource dataSource;

    public CloudLinkTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void save(CloudLinkState state) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(UPSERT)) {
            ps.setTimestamp(1, Timestamp.from(state.lastAnswerAt()));
            ps.setInt(2, state.lastHttpStatus());
            if (state.clockSkewMillis().isPresent()) {
                ps.setLong(3, state.clockSkewMillis().getAsLong());
            } else {
                ps.setNull(3, Types.BIGINT);
            }
            ps.setTimestamp(4, state.faultSince().map(Timestamp::from).orElse(null));
            ps.setString(5, state.faultReason().orElse(null));
            ps.executeUpdate();
        }
    }

    /** The last saved state; empty before the relay ever heard from the cloud. */
    public Optional<CloudLinkState> read() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT);
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            long skew = rs.getLong(3);
            OptionalLong clockSkew = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(skew);
            Timestamp since = rs.getTimestamp(4);
            return Optional.of(new CloudLinkState(rs.getTimestamp(1).toInstant(), rs.getInt(2), clockSkew,
                    Optional.ofNullable(since).map(Timestamp::toInstant), Optional.ofNullable(rs.getString(5))));
        }
    }
}
