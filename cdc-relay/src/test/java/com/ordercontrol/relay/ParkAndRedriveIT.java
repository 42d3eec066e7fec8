package com.ordercontrol.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercontrol.relay.ops.RelayCommands;
import com.ordercontrol.relay.support.FakeCloud;
import com.ordercontrol.relay.support.Nuc;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * A refusal of the event itself (422) parks that event with its reason, the queue moves on, and
 * redrive sends it later. (Configuration faults such as 403 are retried, never parked: SelfHealingIT.)
 */
class ParkAndRedriveIT {

    @Test
    void unprocessableEventIsParkedWhileTheRestIsDeliveredThenRedriven() throws Exception {
        Nuc nuc = new Nuc("park_redrive");
        String slot = "park_slot";
        try (FakeCloud cloud = FakeCloud.start();
             Relay relay = Relay.start(nuc.settings(cloud, slot))) {
            nuc.awaitSlotActive(slot);
            List<String> ids = nuc.payOrders(5);
            String refused = ids.get(1);
            cloud.answer(e -> e.eventId().equals(refused) ? 422 : 202);

            await().atMost(Duration.ofSeconds(20)).until(() -> cloud.acceptedCount() == 4);
            assertThat(cloud.acceptedIds()).containsExactly(ids.get(0), ids.get(2), ids.get(3), ids.get(4));
            assertThat(nuc.string("select status || ' ' || parked_status || ' ' || last_error from cloud_event_queue"
                    + " where event_id = '" + refused + "'")).isEqualTo("parked 422 unprocessable event");
            assertThat(cloud.postsFor(refused)).isEqualTo(1);
            assertThat(relay.counters().parkedTotal()).isEqualTo(1);

            Map<String, String> env = nuc.env(cloud, slot);
            String status = run(env, "status");
            assertThat(status).contains("Queue depth:", "0 of 1000 events waiting")
                    .contains("Parked (refused):            1")
                    .contains(refused + "  HTTP 422  unprocessable event")
                    .contains("Configuration fault:         none")
                    .contains("Replication slot:            active");

            // The same figures over JMX.
            ObjectName metrics = new ObjectName("com.ordercontrol.relay:type=Relay,slot=" + slot);
            MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
            assertThat(jmx.getAttribute(metrics, "Parked")).isEqualTo(1L);
            assertThat(jmx.getAttribute(metrics, "ParkedTotal")).isEqualTo(1L);
            assertThat(jmx.getAttribute(metrics, "DeliveredTotal")).isEqualTo(4L);
            assertThat(jmx.getAttribute(metrics, "QueueDepth")).isEqualTo(0L);
            assertThat(jmx.getAttribute(metrics, "BackPressure")).isEqualTo(false);

            cloud.answer(202); // the cause is fixed (the cloud takes the event now)
            assertThat(run(env, "redrive")).startsWith("redrive: 1 parked events are due");

            await().atMost(Duration.ofSeconds(20)).until(() -> cloud.timesAccepted(refused) == 1);
            assertThat(nuc.count("select count(*) from cloud_event_queue")).isZero();
            assertThat(cloud.acceptedCount()).isEqualTo(5);
        }
    }

    @Test
    void resendQueuesAWindowOfDeliveredEventsAgain() throws Exception {
        Nuc nuc = new Nuc("resend");
        String slot = "resend_slot";
        try (FakeCloud cloud = FakeCloud.start();
             Relay relay = Relay.start(nuc.settings(cloud, slot))) {
            nuc.awaitSlotActive(slot);
            List<String> old = nuc.payOrders(3);
            nuc.execute("update outbox_event set created_at = now() - interval '1 day'");
            await().atMost(Duration.ofSeconds(20)).until(() -> cloud.acceptedCount() == 3);
            List<String> recent = nuc.payOrders(4);
            await().atMost(Duration.ofSeconds(20)).until(() -> cloud.acceptedCount() == 7);
            String since = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString();

            assertThat(run(nuc.env(cloud, slot), "resend", "--since", since))
                    .startsWith("resend: 4 events since " + since);

            await().atMost(Duration.ofSeconds(20)).until(() -> cloud.acceptedCount() == 11);
            recent.forEach(id -> assertThat(cloud.timesAccepted(id)).isEqualTo(2));
            old.forEach(id -> assertThat(cloud.timesAccepted(id)).isEqualTo(1));
        }
    }

    @Test
    void badCommandLinesChangeNothingAndSayWhy() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        Map<String, String> env = Map.of("SERVER_API_KEY", "k", "SERVER_NODE_ID", "n");

        assertThat(RelayCommands.run(new String[] {"purge"}, env, Clock.systemUTC(), System.out, errors)).isEqualTo(2);
        assertThat(RelayCommands.run(new String[] {"resend", "--since", "yesterday"}, env, Clock.systemUTC(),
                System.out, errors)).isEqualTo(2);
        // status uses only the database settings: without the node's secret it complains about those alone.
        assertThat(RelayCommands.run(new String[] {"status"}, Map.of("RELAY_DB_URL", "mysql://elsewhere"),
                Clock.systemUTC(), System.out, errors)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unmatched argument at index 0: 'purge'")
                .contains("Usage: cdc-relay").contains("'yesterday' is not an ISO-8601 time")
                .contains("RELAY_DB_URL").doesNotContain("SERVER_API_KEY");
    }

    static String run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = RelayCommands.run(args, env, Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
