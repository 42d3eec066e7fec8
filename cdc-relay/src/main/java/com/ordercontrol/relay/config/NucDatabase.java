package com.ordercontrol.relay.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Opens the NUC's PostgreSQL for the relay and for the operator commands. */
public final class NucDatabase {

    /**
     * The relay's own migrations (queue, delivery log, offsets, heartbeat, publication), and nothing else:
     * the POS's tables belong to the POS, the outbox table to the outbox writer.
     */
    public static final String MIGRATIONS = "classpath:db/migration/relay";

    /** The relay's own Flyway history table, next to the POS's (whatever it uses) and the outbox's. */
    public static final String HISTORY_TABLE = "relay_schema_history";

    private NucDatabase() {
    }

    /** A small pool; the relay needs a connection each for capture, delivery, its commits, the sweep and status. */
    public static HikariDataSource open(RelaySettings settings, String poolName, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.dbUrl());
        config.setUsername(settings.dbUser());
        config.setPassword(settings.dbPassword());
        config.setMaximumPoolSize(size);
        config.setPoolName(poolName);
        // Fail fast at start with a clear cause rather than hanging when the database is away.
        config.setInitializationFailTimeout(30_000);
        return new HikariDataSource(config);
    }

    /**
     * Applies the relay's migrations, in their own history. The POS database is not empty (it holds the
     * POS's tables), so the history starts at version 0 and every relay migration runs once.
     *
     * @throws IllegalStateException when the outbox table is missing: the POS creates it with the outbox
     *                               writer ({@code OutboxSchema.migrate}); the relay never does
     */
    public static void migrate(DataSource dataSource) {
        requireOutboxTable(dataSource);
        Flyway.configure().dataSource(dataSource).locations(MIGRATIONS).table(HISTORY_TABLE)
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
    }

    private static void requireOutboxTable(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select to_regclass('outbox_event') is not null")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                throw new IllegalStateException("the outbox table outbox_event does not exist in this database; "
                        + "the POS creates it with the outbox writer (OutboxSchema.migrate, see docs/pos-outbox.md) "
                        + "before the relay is started, or check RELAY_DB_URL");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("NUC database not readable: " + e.getMessage(), e);
        }
    }
}
