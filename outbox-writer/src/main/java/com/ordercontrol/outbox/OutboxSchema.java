package com.ordercontrol.outbox;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The outbox table ({@code outbox_event}), the one table a POS shares with the relay, with its own Flyway
 * history ({@code outbox_schema_history}) so it never mixes with the POS's own migrations or the relay's.
 * Call {@link #migrate(DataSource)} once at POS start-up, before the relay is started.
 *
 * <p>Upgrading a database made by the old single NUC history ({@code flyway_schema_history} holding the
 * POS tables, the outbox and the relay's tables): the migrations are written with {@code if not exists},
 * so the new history records them over the existing table without changing it. See docs/pos-outbox.md.
 */
public final class OutboxSchema {

    /** Where the outbox migrations are on the class path (this jar). */
    public static final String LOCATION = "classpath:db/migration/outbox";

    /** The outbox's own Flyway history table. */
    public static final String HISTORY_TABLE = "outbox_schema_history";

    private OutboxSchema() {
    }

    /** Creates or upgrades the outbox table on {@code dataSource}; safe to call at every start. */
    public static MigrateResult migrate(DataSource dataSource) {
        return configure(Flyway.configure().dataSource(dataSource)).migrate();
    }

    /** The same, with a JDBC URL and credentials. */
    public static MigrateResult migrate(String jdbcUrl, String user, String password) {
        return configure(Flyway.configure().dataSource(jdbcUrl, user, password)).migrate();
    }

    private static Flyway configure(org.flywaydb.core.api.configuration.FluentConfiguration config) {
        // The POS's own tables are already there: start this history at 0 so every outbox migration runs.
        return config.locations(LOCATION).table(HISTORY_TABLE).baselineOnMigrate(true).baselineVersion("0")
                .load();
    }
}
