package com.ordercontrol.pos.support;

import com.ordercontrol.infra.PostgresServer;
import java.nio.file.Path;

/**
 * One real PostgreSQL for all integration tests of this JVM, data under {@code target/}. Started on
 * first use, stopped when the JVM exits (the Spring context, which holds connections, closes first).
 */
public final class TestDatabase {

    private static PostgresServer server;
    private static String url;

    private TestDatabase() {
    }

    public static synchronized String url() {
        if (server == null) {
            server = PostgresServer.startFresh(Path.of("target", "it-postgres"), 0);
            url = server.createDatabase("pos");
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-test-postgres"));
        }
        return url;
    }
}
