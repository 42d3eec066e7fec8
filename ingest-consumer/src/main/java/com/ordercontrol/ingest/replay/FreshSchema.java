package com.ordercontrol.ingest.replay;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.Driver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A new, empty schema in the cloud database with the cloud migrations applied, for replaying next to
 * the live tables and comparing. The schema must not exist yet, so a replay never mixes with old data.
 * Its connections are its own (not the live pool's), with {@code currentSchema} set, so the live
 * service's connections never point at it.
 */
public final class FreshSchema {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private FreshSchema() {
    }

    /** Creates and migrates {@code schema}; returns a data source whose unqualified tables are in it. */
    public static DataSource create(String jdbcUrl, String user, String password, String schema) {
        if (schema == null || !NAME.matcher(schema).matches() || schema.equals("public")) {
            throw new IllegalArgumentException("schema must be lower-case letters, digits and _, not public: " + schema);
        }
        Properties props = new Properties();
        props.setProperty("user", user == null ? "" : user);
        props.setProperty("password", password == null ? "" : password);
        SimpleDriverDataSource plain = new SimpleDriverDataSource(new Driver(), jdbcUrl);
        plain.setConnectionProperties(props);
        Integer exists = new JdbcTemplate(plain).queryForObject(
                "select count(*) from information_schema.schemata where schema_name = ?", Integer.class, schema);
        if (exists != null && exists > 0) {
            throw new IllegalArgumentException("schema " + schema + " exists already; choose a new name");
        }
        Flyway.configure().dataSource(plain).schemas(schema).defaultSchema(schema)
                .locations("classpath:db/migration/cloud").load().migrate();
        Properties inSchema = new Properties();
        inSchema.putAll(props);
        inSchema.setProperty("currentSchema", schema);
        SimpleDriverDataSource target = new SimpleDriverDataSource(new Driver(), jdbcUrl);
        target.setConnectionProperties(inSchema);
        return target;
    }

    /** Drops a schema made by {@link #create} (tests and clean-up). */
    public static void drop(DataSource any, String schema) throws SQLException {
        if (!NAME.matcher(schema).matches() || schema.equals("public")) {
            throw new IllegalArgumentException("not a replay schema: " + schema);
        }
        try (Connection c = any.getConnection(); var s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
        }
    }
}
