package com.ordercontrol.bench;

import com.ordercontrol.infra.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import com.ordercontrol.outbox.OutboxSchema;
import org.flywaydb.core.Flyway;

/**
 * The venue box's PostgreSQL for a benchmark: a fresh real server (logical decoding on), the outbox and
 * relay schemas applied by the same Flyway migrations the outbox writer and the relay apply, and a
 * publication limited to {@code outbox_event} for the Debezium Server peer (the relay has its own).
 */
final class PosDatabase implements AutoCloseable {

    static final String DATABASE = "pos";
    static final String PEER_PUBLICATION = "dbz_outbox_publication";
    static final String PEER_SLOT = "dbz_peer";

    private final PostgresServer server;

    private PosDatabase(PostgresServer server) {
        this.server = server;
    }

    static PosDatabase startFresh(Path dir) {
        PostgresServer server = PostgresServer.startFresh(dir, 0);
        try {
            server.createDatabase(DATABASE);
            // As the POS leaves it (the outbox writer's migration) and as the relay leaves it (its own tables and
            // its publication): both must exist before a backlog is written, or pgoutput would not decode it.
            OutboxSchema.migrate(server.jdbcUrl(DATABASE), PostgresServer.USER, "");
            Flyway.configure().dataSource(server.jdbcUrl(DATABASE), PostgresServer.USER, "")
                    .locations("classpath:db/migration/relay").table("relay_schema_history")
                    .baselineOnMigrate(true).baselineVersion("0").load().migrate();
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(DATABASE), PostgresServer.USER, "");
                 Statement s = c.createStatement()) {
                s.execute("create publication " + PEER_PUBLICATION + " for table outbox_event");
            }
            return new PosDatabase(server);
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw new IllegalStateException("could not prepare the POS database", e);
        }
    }

    int port() {
        return server.port();
    }

    String jdbcUrl() {
        return server.jdbcUrl(DATABASE);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), PostgresServer.USER, "");
    }

    /** Whether the named replication slot exists and a sender is attached to it. */
    boolean slotActive(String slot) {
        try (Connection c = connect(); var ps = c.prepareStatement(
                "select active from pg_replication_slots where slot_name = ?")) {
            ps.setString(1, slot);
            try (var rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            return false;
        }
    }

    void dropSlot(String slot) {
        try (Connection c = connect(); var ps = c.prepareStatement(
                "select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = ? and not active")) {
            ps.setString(1, slot);
            ps.execute();
        } catch (SQLException e) {
            System.err.println("could not drop slot " + slot + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
