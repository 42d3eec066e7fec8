package com.ordercontrol.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercontrol.relay.config.NucDatabase;
import com.ordercontrol.relay.config.RelaySettings;
import com.ordercontrol.relay.support.FakeCloud;
import com.ordercontrol.relay.support.Nuc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Events the change stream never sees are found in the outbox by the sweep and delivered once. */
class ReconciliationSweepIT {

    @Test
    void ordersPaidWhileTheSlotWasDroppedAreDeliveredByTheSweep() throws Exception {
        Nuc nuc = new Nuc("reconcile");
        String slot = "reconcile_slot";
        try (FakeCloud cloud = FakeCloud.start()) {
            Map<String, String> env = sweepingEvery300ms(nuc, cloud, slot);
            RelaySettings settings = RelaySettings.fromEnvironment(env);
            List<String> all = new ArrayList<>();

            try (Relay relay = Relay.start(settings)) {
                nuc.awaitSlotActive(slot);
                all.addAll(nuc.payOrders(10));
                await().atMost(Duration.ofSeconds(20)).until(() -> cloud.acceptedCount() == 10);
            }
            // The slot is lost (an operator or a disk-full cleanup dropped it) while the venue keeps selling.
            nuc.execute("select pg_drop_replication_slot('" + slot + "')");
            List<String> missed = nuc.payOrders(20);
            all.addAll(missed);

            try (Relay relay = Relay.start(settings)) {
                nuc.awaitSlotActive(slot); // a new slot: it starts after the 20 missed rows
                all.addAll(nuc.payOrders(10));

                await().atMost(Duration.ofSeconds(30)).until(() -> cloud.acceptedCount() >= 40);
                assertThat(relay.counters().reconciledTotal()).isGreaterThanOrEqualTo(20);
            }
            assertThat(cloud.acceptedIds()).containsExactlyInAnyOrderElementsOf(all);
            assertThat(nuc.count("select count(*) from relay_delivered_event")).isEqualTo(40);
        }
    }

    @Test
    void slotDroppedUnderARunningRelayIsRecreatedAndTheGapIsSent() throws Exception {
        Nuc nuc = new Nuc("reconcile_live");
        String slot = "reconcile_live_slot";
        try (FakeCloud cloud = FakeCloud.start()) {
            Map<String, String> env = sweepingEvery300ms(nuc, cloud, slot);
            try (Relay relay = Relay.start(RelaySettings.fromEnvironment(env))) {
                nuc.awaitSlotActive(slot);
                List<String> all = new ArrayList<>(nuc.payOrders(5));
                await().atMost(Duration.ofSeconds(20)).until(() -> cloud.acceptedCount() == 5);

                // Kill the walsender and drop the slot in one go, then keep selling.
                nuc.execute("select pg_terminate_backend(active_pid) from pg_replication_slots where slot_name = '" + slot + "'");
                await().atMost(Duration.ofSeconds(10)).until(() -> dropIfInactive(nuc, slot));
                all.addAll(nuc.payOrders(20));

                await().atMost(Duration.ofSeconds(60)).until(() -> cloud.distinctAccepted() == 25);
                nuc.awaitSlotActive(slot); // change capture came back on a new slot
                all.addAll(nuc.payOrders(5));
                await().atMost(Duration.ofSeconds(20)).until(() -> cloud.distinctAccepted() == 30);
                assertThat(cloud.acceptedIds()).containsExactlyInAnyOrderElementsOf(all);
            }
        }
    }

    /** Test settings with a sweep every 300 ms over rows older than 1 s. */
    private static Map<String, String> sweepingEvery300ms(Nuc nuc, FakeCloud cloud, String slot) {
        Map<String, String> env = nuc.env(cloud, slot);
        env.put("RELAY_RECONCILE_GRACE", "1s");
        env.put("RELAY_RECONCILE_INTERVAL", "300ms");
        return env;
    }

    private static boolean dropIfInactive(Nuc nuc, String slot) {
        try {
            nuc.execute("select pg_drop_replication_slot(slot_name) from pg_replication_slots"
                    + " where slot_name = '" + slot + "' and not active");
            return nuc.count("select count(*) from pg_replication_slots where slot_name = '" + slot + "'") == 0;
        } catch (IllegalStateException e) {
            return false; // the relay reconnected in between; terminate again on the next try
        }
    }

    @Test
    void rowsCommittedBeforeTheFirstStartAreSentAndOnlyDeliveredOnesArePurgedAfterRetention() throws Exception {
        Nuc nuc = new Nuc("first_start");
        String slot = "first_start_slot";
        try (FakeCloud cloud = FakeCloud.start()) {
            Map<String, String> env = sweepingEvery300ms(nuc, cloud, slot);
            env.put("RELAY_OUTBOX_RETENTION", "1h");
            // The POS ran before the relay was ever installed: migrate and write without a slot.
            try (var db = NucDatabase.open(RelaySettings.fromEnvironment(env), "pos", 2)) {
                NucDatabase.migrate(db);
            }
            List<String> before = nuc.payOrders(15);
            nuc.execute("update outbox_event set created_at = now() - interval '2 hours'");

            try (Relay relay = Relay.start(RelaySettings.fromEnvironment(env))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> cloud.acceptedCount() == 15);
                // Next pass: all 15 delivered and older than the retention window, so their outbox rows go;
                // the delivery log stays for a retention window after delivery.
                await().atMost(Duration.ofSeconds(10)).until(() -> nuc.count("select count(*) from outbox_event") == 0);
                assertThat(nuc.count("select count(*) from relay_delivered_event")).isEqualTo(15);

                // An old event the cloud refuses is parked, and kept in the outbox however old it is.
                cloud.answer(422);
                String refused = nuc.payOrders(1).get(0);
                nuc.execute("update outbox_event set created_at = now() - interval '2 hours'");
                await().atMost(Duration.ofSeconds(20)).until(() -> relay.status().parked() == 1);
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                        .until(() -> nuc.count("select count(*) from outbox_event where event_id = '" + refused + "'") == 1);
                assertThat(relay.status().heldPastRetention()).isEqualTo(1);
            }
            assertThat(cloud.acceptedIds()).containsExactlyInAnyOrderElementsOf(before);
        }
    }
}
