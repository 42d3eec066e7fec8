package com.ordercontrol.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.ordercontrol.infra.FreePort;
import com.ordercontrol.infra.PostgresServer;
import com.ordercontrol.ingest.support.CloudServers;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A busy pool (every connection in use, the database healthy) is told apart from an unreachable
 * database, with real Hikari pools against a real PostgreSQL and a closed port.
 */
class UnavailableIT {

    static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(PostgresServer.USER);
        pool.setMaximumPoolSize(1);
        // Generous for the first connection (a loaded box can take seconds to connect); the busy test then
        // shortens it once its one connection is held.
        pool.setConnectionTimeout(10_000);
        pool.setInitializationFailTimeout(-1);
        return pool;
    }

    @Test
    void aPoolWithEveryConnectionInUseIsBusyNotDown() throws Exception {
        try (HikariDataSource pool = pool(CloudServers.postgres().createDatabase("unavailable_it"));
             Connection held = pool.getConnection()) {
            pool.getHikariConfigMXBean().setConnectionTimeout(500);
            DataAccessException e = catchThrowableOfType(DataAccessException.class,
                    () -> new JdbcTemplate(pool).queryForObject("select 1", Integer.class));
            assertThat(held.isValid(1)).isTrue();
            assertThat(Unavailable.of(e)).isEqualTo(Unavailable.BUSY);
            assertThat(Unavailable.BUSY.retryAfterSeconds).isEqualTo(1);
        }
    }

    @Test
    void aDatabaseNobodyListensForIsUnavailable() {
        try (HikariDataSource pool = pool("jdbc:postgresql://127.0.0.1:" + FreePort.pick() + "/none")) {
            DataAccessException e = catchThrowableOfType(DataAccessException.class,
                    () -> new JdbcTemplate(pool).queryForObject("select 1", Integer.class));
            assertThat(Unavailable.of(e)).isEqualTo(Unavailable.DATABASE);
        }
    }
}
