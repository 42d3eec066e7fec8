package com.ordercontrol.relay.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Opens the NUC's PostgreSQL for the relay and for the operator commands. */
public final class NucDatabase {

    /** The POS app applies the same location; Flyway's lock makes concurrent starts safe. */
    public static final String MIGRATIONS = "classpath:db/migration/nuc";

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

    /** Applies the NUC migrations (V1 orders/payments, V2 outbox, V3+ the relay's tables). */
    public static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations(MIGRATIONS).load().migrate();
    }
}
