package com.ordercontrol.relay.offsets;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
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

    private String url;
    private String user;
    private String password;

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
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                for (Map.Entry<ByteBuffer, ByteBuffer> e : data.entrySet()) {
                    ps.setBytes(1, bytes(e.getKey()));
                    ps.setBytes(2, e.getValue() == null ? null : bytes(e.getValue()));
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            // The flush fails and Debezium keeps the older committed offsets: events replay, the queue skips repeats.
            throw new ConnectException("could not write Debezium offsets to relay_offset", e);
        }
    }

    /** Only Kafka Connect's REST API lists partitions; the embedded engine never asks. */
    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] b = new byte[copy.remaining()];
        copy.get(b);
        return b;
    }
}
