package com.ordercontrol.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercontrol.relay.support.FakeCloud;
import com.ordercontrol.relay.support.Nuc;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * With the outbox idle and other POS tables writing, the slot's confirmed position keeps advancing
 * (heartbeats write relay_heartbeat, which is in the publication), so the slot does not pin WAL.
 */
class SlotAdvancesWhileOutboxIdleIT {

    @Test
    void confirmedPositionFollowsTheWalWhileOnlyOtherTablesWrite() throws Exception {
        Nuc nuc = new Nuc("heartbeat");
        String slot = "heartbeat_slot";
        try (FakeCloud cloud = FakeCloud.start();
             Relay relay = Relay.start(nuc.settings(cloud, slot))) {
            nuc.awaitSlotActive(slot);
            String before = nuc.string("select confirmed_flush_lsn::text from pg_replication_slots where slot_name = '" + slot + "'");

            // Busy POS, quiet outbox: write ~1 MB of WAL into a POS table outside the publication.
            nuc.execute("create table orders (order_id uuid primary key, venue_id text, currency text, total numeric)");
            for (int i = 0; i < 5; i++) {
                nuc.execute("insert into orders (order_id, venue_id, currency, total)"
                        + " select gen_random_uuid(), 'venue-1', 'USD', 10.00 from generate_series(1, 2000)");
            }
            String walAfterWrites = nuc.string("select pg_current_wal_lsn()::text");
            assertThat(nuc.count("select pg_wal_lsn_diff('" + walAfterWrites + "', '" + before + "')::bigint"))
                    .isGreaterThan(500_000);

            await().atMost(Duration.ofSeconds(20)).until(() -> nuc.count(
                    "select pg_wal_lsn_diff(confirmed_flush_lsn, '" + walAfterWrites + "')::bigint"
                            + " from pg_replication_slots where slot_name = '" + slot + "'") > 0);
            assertThat(nuc.count("select count(*) from relay_heartbeat")).isEqualTo(1);
            assertThat(nuc.count("select count(*) from outbox_event")).isZero();
            assertThat(relay.status().slotLagBytes().getAsLong()).isLessThan(500_000);
        }
    }
}
