package com.ordercontrol.relay.support;

import static org.awaitility.Awaitility.await;

import com.ordercontrol.infra.PostgresServer;
import com.ordercontrol.outbox.OutboxSchema;
import com.ordercontrol.relay.config.RelaySettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The venue's PostgreSQL as a test sees it: plain SQL for outbox rows and for reading relay tables. */
public final class Nuc {

    private static final String INSERT_OUTBOX = """
            insert into outbox_event (event_id, event_type, venue_id, aggregate_id, occurred_at, payload)
            values (?, 'order_paid', 'venue-1', ?, ?, ?::jsonb)
            """;

    private final String url;

    /** A fresh database with the outbox table, created as a POS does: the outbox writer's own migration. */
    public Nuc(String database) {
        this(database, true);
    }

    public Nuc(String database, boolean withOutboxTable) {
        this(withOutboxTable, TestPostgres.database(database));
    }

    private Nuc(boolean withOutboxTable, String url) {
        this.url = url;
        if (withOutboxTable) {
            OutboxSchema.migrate(url, PostgresServer.USER, "");
        }
    }

    /** A fresh database with the outbox table on a server of the test's own (one it stops and starts). */
    public static Nuc onServer(PostgresServer server, String database) {
        return new Nuc(true, server.createDatabase(database));
    }

    public String url() {
        return url;
    }

    /** Test settings: worker wakes every 50 ms, no jitter (exact schedule), fast heartbeats, a patient HTTP timeout. */
    public Map<String, String> env(FakeCloud cloud, String slot) {
        Map<String, String> env = new HashMap<>();
        env.put("BACKOFFICE_API_URL", cloud.baseUrl());
        env.put("SERVER_API_KEY", FakeCloud.SECRET);
        env.put("SERVER_NODE_ID", FakeCloud.NODE);
        env.put("RELAY_DB_URL", url);
        env.put("RELAY_DB_USER", PostgresServer.USER);
        env.put("RELAY_DB_PASSWORD", "");
        env.put("RELAY_SLOT_NAME", slot);
        env.put("RELAY_WORKER_INTERVAL", "50ms");
        env.put("RELAY_BACKOFF_JITTER", "0");
        env.put("RELAY_HEARTBEAT_INTERVAL", "500ms");
        env.put("RELAY_OFFSET_FLUSH_INTERVAL", "200ms");
        env.put("RELAY_RECONCILE_INTERVAL", "1h");
        env.put("RELAY_HTTP_TIMEOUT", "10s"); // generous: the test machine is shared and loaded
        env.put("RELAY_MANAGEMENT_PORT", "0"); // relay processes in tests: any free port
        return env;
    }

    public RelaySettings settings(FakeCloud cloud, String slot) {
        return RelaySettings.fromEnvironment(env(cloud, slot));
    }

    /** Waits until the relay's slot is streaming: rows committed before that are only found by the sweep. */
    public void awaitSlotActive(String slot) {
        await().atMost(Duration.ofSeconds(60)).until(() -> "true".equals(
                string("select active::text from pg_replication_slots where slot_name = '" + slot + "'")));
    }

    /** Inserts {@code n} order_paid outbox rows in transactions of up to 500; returns their event ids in order. */
    public List<String> payOrders(int n) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT_OUTBOX)) {
                for (int i = 0; i < n; i++) {
                    UUID eventId = UUID.randomUUID();
                    UUID orderId = UUID.randomUUID();
                    ps.setObject(1, eventId);
                    ps.setString(2, orderId.toString());
                    ps.setTimestamp(3, Timestamp.from(Instant.parse("2026-02-19T18:22:03.120Z")));
                    ps.setString(4, payload(orderId, i));
                    ps.addBatch();
                    ids.add(eventId.toString());
                    if ((i + 1) % 500 == 0) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
                c.commit();
            }
        }
        return ids;
    }

    static String payload(UUID orderId, int i) {
        return """
                {"orderId":"%s","orderNumber":%d,"currency":"USD","total":"12.99",
                 "payments":[{"paymentId":"%s","method":"card","amount":"12.99","tip":"2.00","paidAt":"2026-02-19T18:22:03.120Z"}]}
                """.formatted(orderId, 1000 + i, UUID.randomUUID());
    }

    public long count(String sql) {
        return Long.parseLong(string(sql));
    }

    public String string(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, PostgresServer.USER, "");
    }
}
