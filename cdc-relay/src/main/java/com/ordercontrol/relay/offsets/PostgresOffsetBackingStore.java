package com.ordercontrol.relay.offsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercontrol.contract.ContractJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;

/**
 * Debezium's source offsets kept in the NUC's PostgreSQL ({@code relay_offset}), written in one
 * committed transaction per flush. Unlike Kafka's file store (overwritten in place without fsync),
 * a power loss leaves either the previous or the new offsets, never a torn file.
 *
 * <p>Debezium creates this class by name ({@code offset.storage}) and passes the connection in the
 * engine properties {@value #URL}, {@value #USER} and {@value #PASSWORD}.
 */
public final class PostgresOffsetBackingStore extends MemoryOffsetBackingStore {

    /** Engine property: JDBC URL of the NUC database. */
    public static final String URL = "offset.storage.relay.jdbc.url";
    /** Engine property: database user. */
    public static final String USER = "offset.storage.relay.jdbc.user";
    /** Engine property: database password (Debezium masks properties named *password* in its logs). */
    public static final String PASSWORD = "offset.storage.relay.jdbc.password";

    private static final String SELECT = "select offset_key, offset_value from relay_offset";
    private static final String UPSERT = """
            insert into relay_offset (offset_key, offset_value, updated_at) values (?, ?, now())
            on conflict (offset_key) do update set offset_value = excluded.offset_value, updated_at = now()
            """;

    private static final String SLOT_POSITION = """
            select (confirmed_flush_lsn - '0/0'::pg_lsn)::bigint from pg_replication_slots where slot_name = ?
            """;
    private static final String DISCARD = "delete from relay_offset";

    private String url;
    private String user;
    private String password;
    /** Used only on the store's single executor thread (save) and in stop(). */
    private Connection flushConnection;

    @Override
    public void configure(WorkerConfig config) {
        super.configure(config);
        Map<String, Object> originals = config.originals();
        url = (String) originals.get(URL);
        user = (String) originals.get(USER);
        password = (String) originals.getOrDefault(PASSWORD, "");
        if (url == null || user == null) {
            throw new ConnectException(URL + " and " + USER + " are required for " + getClass().getSimpleName());
        }
    }

    @Override
    public synchronized void start() {
        super.start();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(SELECT); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                byte[] value = rs.getBytes(2);
                data.put(ByteBuffer.wrap(rs.getBytes(1)), value == null ? null : ByteBuffer.wrap(value));
            }
        } catch (SQLException e) {
            throw new ConnectException("could not read Debezium offsets from relay_offset", e);
        }
    }

    @Override
    protected void save() {
        try {
            Connection c = connection();
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                for (Map.Entry<ByteBuffer, ByteBuffer> e : data.entrySet()) {
                    ps.setBytes(1, bytes(e.getKey()));
                    ps.setBytes(2, e.getValue() == null ? null : bytes(e.getValue()));
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                dropConnection();
                throw e;
            }
        } catch (SQLException e) {
            // The flush fails and Debezium keeps the older committed offsets: events replay, the queue skips repeats.
            throw new ConnectException("could not write Debezium offsets to relay_offset", e);
        }
    }

    @Override
    public synchronized void stop() {
        super.stop();
        dropConnection();
    }

    /** Only Kafka Connect's REST API lists partitions; the embedded engine never asks. */
    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of();
    }

    /**
     * Debezium refuses to start when its stored position is older than what the slot can serve
     * (the slot was dropped, or dropped and recreated). The relay then starts afresh from a new slot
     * and the reconciliation sweep sends what happened in between, so the stale offsets are dropped.
     *
     * @return true when offsets were discarded
     */
    public static boolean discardIfSlotLost(Connection c, String slotName) throws SQLException {
        OptionalLong stored = storedLsn(c);
        if (stored.isEmpty()) {
            return false;
        }
        Long slotPosition = null;
        try (PreparedStatement ps = c.prepareStatement(SLOT_POSITION)) {
            ps.setString(1, slotName);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    slotPosition = rs.getLong(1);
                }
            }
        }
        // Normally the stored LSN is at or ahead of the slot: offsets are committed before the slot is advanced.
        if (slotPosition != null && stored.getAsLong() >= slotPosition) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement(DISCARD)) {
            ps.executeUpdate();
        }
        return true;
    }

    private static OptionalLong storedLsn(Connection c) throws SQLException {
        long max = -1;
        try (PreparedStatement ps = c.prepareStatement(SELECT); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                byte[] value = rs.getBytes(2);
                if (value == null) {
                    continue;
                }
                try {
                    JsonNode lsn = ContractJson.read(value).get("lsn");
                    if (lsn != null && lsn.canConvertToLong()) {
                        max = Math.max(max, lsn.asLong());
                    }
                } catch (IOException e) {
                    throw new SQLException("relay_offset holds a value that is not JSON", e);
                }
            }
        }
        return max < 0 ? OptionalLong.empty() : OptionalLong.of(max);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** One connection kept open for the flushes (every second by default), opened again after a failure. */
    private Connection connection() throws SQLException {
        if (flushConnection == null) {
            flushConnection = connect();
            flushConnection.setAutoCommit(false);
        }
        return flushConnection;
    }

    private void dropConnection() {
        if (flushConnection != null) {
            try {
                flushConnection.close();
            } catch (SQLException ignored) {
                // already broken; a new one is opened on the next flush
            }
            flushConnection = null;
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] b = new byte[copy.remaining()];
        copy.get(b);
        return b;
    }
}
