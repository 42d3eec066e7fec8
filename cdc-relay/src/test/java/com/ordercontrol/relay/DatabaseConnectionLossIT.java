package com.ordercontrol.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercontrol.relay.support.FakeCloud;
import com.ordercontrol.relay.support.Nuc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every connection the relay holds to the NUC database (pool, replication stream, offset store) is
 * cut again and again while orders are paid, as when PostgreSQL restarts: the relay reconnects and
 * every order still reaches the cloud.
 */
class DatabaseConnectionLossIT {

    @Test
    void survivesItsDatabaseConnectionsBeingCutWhileOrdersFlow() throws Exception {
        Nuc nuc = new Nuc("connection_loss");
        String slot = "connection_loss_slot";
        try (FakeCloud cloud = FakeCloud.start();
             Relay relay = Relay.start(nuc.settings(cloud, slot))) {
            nuc.awaitSlotActive(slot);
            List<String> ids = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                ids.addAll(nuc.payOrders(40));
                nuc.execute("select pg_terminate_backend(pid) from pg_stat_activity"
                        + " where datname = current_database() and pid <> pg_backend_pid()");
            }

            await().atMost(Duration.ofSeconds(90)).until(() -> cloud.distinctAccepted() == 200);
            assertThat(cloud.acceptedIds()).containsAll(ids);
            nuc.awaitSlotActive(slot);
            List<String> after = nuc.payOrders(10);
            await().atMost(Duration.ofSeconds(30)).until(() -> cloud.distinctAccepted() == 210);
            assertThat(cloud.acceptedIds()).containsAll(after);
        }
    }
}
