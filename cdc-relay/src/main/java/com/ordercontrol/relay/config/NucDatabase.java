package com.ordercontrol.relay.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the NUC's PostgreSQL for the relay and for the operator commands. */
public final class NucDatabase {

    private static final Logger log = LoggerFactory.getLogger(NucDatabase.class);

    /** How long the relay waits at start for its database when {@code RELAY_DB_STARTUP_WAIT} is not set. */
    public static final Duration DEFAULT_STARTUP_WAIT = Duration.ofMinutes(10);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(15);

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
     * {@code RELAY_DB_STARTUP_WAIT}: how long the relay waits at start for its database to accept
     * connections ({@code 0s}: not at all).
     *
     * @throws IllegalArgumentException when the value is not a duration
     */
    public static Duration startupWait(Map<String, String> env) {
        String text = env.get("RELAY_DB_STARTUP_WAIT");
        if (text == null || text.isBlank()) {
            return DEFAULT_STARTUP_WAIT;
        }
        try {
            return DurationText.parse(text.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid relay settings: RELAY_DB_STARTUP_WAIT must be a duration such as"
                    + " 10m, 90s or 0s, was '" + text + "'");
        }
    }

    /**
     * Returns once the database accepts a connection. A venue box may start the relay before its
     * PostgreSQL is up (boot, restart, recovery): while the server refuses connections, is starting up or
     * has no free connection, this waits and tries again (1 s, doubling to 15 s) for at most {@code limit}.
     * A refusal that waiting cannot fix (wrong password, no such database) fails at once.
     *
     * @throws IllegalStateException when the database is still unreachable after {@code limit}, or refuses the settings
     */
    public static void awaitReachable(RelaySettings settings, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        Duration pause = FIRST_PAUSE;
        int attempts = 0;
        while (true) {
            attempts++;
            try (Connection ignored = DriverManager.getConnection(settings.dbUrl(), credentials(settings))) {
                if (attempts > 1) {
                    log.info("NUC database reachable after {} s ({} attempts)",
                            Duration.ofNanos(System.nanoTime() - start).toSeconds(), attempts);
                }
                return;
            } catch (SQLException e) {
                Duration waited = Duration.ofNanos(System.nanoTime() - start);
                if (!worthWaiting(e)) {
                    throw new IllegalStateException("NUC database refused the relay's settings (SQLState "
                            + e.getSQLState() + "): " + e.getMessage(), e);
                }
                if (waited.plus(pause).compareTo(limit) > 0) {
                    throw new IllegalStateException("NUC database at " + where(settings) + " still unreachable after "
                            + waited.toSeconds() + " s (RELAY_DB_STARTUP_WAIT=" + limit + "): " + e.getMessage(), e);
                }
                log.warn("NUC database at {} not reachable yet ({}); retrying in {} s, giving up after {}",
                        where(settings), e.getMessage(), pause.toSeconds(), limit);
                Thread.sleep(pause.toMillis());
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    /** Cannot connect (08), starting up or shutting down (57P03), too many connections (53300). */
    static boolean worthWaiting(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.equals("57P03") || state.equals("53300");
    }

    private static Properties credentials(RelaySettings settings) {
        Properties p = new Properties();
        p.setProperty("user", settings.dbUser());
        p.setProperty("password", settings.dbPassword());
        p.setProperty("connectTimeout", "10");
        return p;
    }

    /** Host, port and database of the URL, never its parameters (they may carry a password). */
    private static String where(RelaySettings settings) {
        String url = settings.dbUrl();
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
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
