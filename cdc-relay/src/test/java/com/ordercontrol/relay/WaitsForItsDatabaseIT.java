package com.ordercontrol.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercontrol.infra.FreePort;
import com.ordercontrol.infra.PostgresServer;
import com.ordercontrol.relay.support.FakeCloud;
import com.ordercontrol.relay.support.Nuc;
import com.ordercontrol.relay.support.RelayProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A venue box boots the relay before its PostgreSQL is up: the relay process waits (saying so in its
 * log) instead of exiting, and starts delivering once the database accepts connections. The database is
 * held down for 35 s, longer than the connection pool's own start-up patience (30 s), after which the
 * relay used to exit with "relay could not start".
 */
class WaitsForItsDatabaseIT {

    private static final Duration DATABASE_DOWN = Duration.ofSeconds(35);

    @Test
    void startsOnceItsDatabaseComesUp() throws Exception {
        Path dir = Path.of("target/waits-for-database-postgres");
        int port = FreePort.pick();
        Nuc nuc;
        Map<String, String> env;
        try (FakeCloud cloud = FakeCloud.start()) {
            try (PostgresServer server = PostgresServer.startFresh(dir, port)) {
                nuc = Nuc.onServer(server, "pos");
                env = nuc.env(cloud, "waits_slot");
            }
            try (RelayProcess relay = RelayProcess.start(env, "waits-for-database")) {
                Thread.sleep(DATABASE_DOWN.toMillis());
                assertThat(relay.isAlive()).as("the relay waits for its database instead of exiting").isTrue();
                assertThat(Files.readString(relay.log())).contains("not reachable yet");

                try (PostgresServer server = PostgresServer.startExisting(dir, port)) {
                    nuc.awaitSlotActive("waits_slot");
                    List<String> ids = nuc.payOrders(20);
                    await().atMost(Duration.ofSeconds(60)).until(() -> cloud.distinctAccepted() == 20);
                    assertThat(cloud.acceptedIds()).containsExactlyElementsOf(ids);
                    assertThat(Files.readString(relay.log())).contains("NUC database reachable after");
                    relay.close();
                }
            }
        }
    }
}
