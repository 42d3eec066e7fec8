package com.ordercontrol.relay.support;

import com.ordercontrol.infra.PostgresServer;
import java.nio.file.Path;

/**
 * One real PostgreSQL 17 (logical decoding) for all relay ITs in the JVM; each test class takes its
 * own database and slot, which keeps the suite fast on two cores.
 */
public final class TestPostgres {

    private static PostgresServer server;

    private TestPostgres() {
    }

    /** A fresh database on the shared server; returns its JDBC URL. */
    public static synchronized String database(String name) {
        if (server == null) {
            server = PostgresServer.startFresh(Path.of("target/relay-it-postgres"), 0);
            // Closed after every relay has been closed by its test (engines first, then the server).
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-postgres-stop"));
        }
        return server.createDatabase(name);
    }
}
