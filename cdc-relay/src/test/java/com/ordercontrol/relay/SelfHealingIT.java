package com.ordercontrol.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercontrol.relay.config.RelaySettings;
import com.ordercontrol.relay.support.FakeCloud;
import com.ordercontrol.relay.support.Nuc;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Configuration faults (a wrong key, a disabled node, a proxy's 404, a gone endpoint) and a captive
 * portal's 200 heal without anyone touching the NUC: the events are kept and retried on the backoff
 * schedule with a loud alarm (status, JMX), never parked and never counted as delivered, and flow in
 * order once the cloud answers properly again. The NUC clock's skew against the cloud shows in status.
 */
class SelfHealingIT {

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 404, 410})
    void aConfigurationFaultIsRetriedWithAnAlarmAndHealsWhenTheCloudRecovers(int status) throws Exception {
        Nuc nuc = new Nuc("heal_" + status);
        String slot = "heal_" + status + "_slot";
        try (FakeCloud cloud = FakeCloud.start()) {
            Map<String, String> env = fastBackoff(nuc, cloud, slot);
            cloud.answer(status);
            try (Relay relay = Relay.start(RelaySettings.fromEnvironment(env))) {
                nuc.awaitSlotActive(slot);
                List<String> ids = nuc.payOrders(5);

                await().atMost(Duration.ofSeconds(20)).until(() -> relay.counters().configFaultsTotal() >= 3);
                assertThat(relay.status().parked()).isZero();
                assertThat(relay.counters().parkedTotal()).isZero();
                assertThat(nuc.count("select count(*) from cloud_event_queue where status = 'pending'")).isEqualTo(5);
                assertThat(relay.status().configurationFault()).isTrue();
                assertThat(ParkAndRedriveIT.run(env, "status")).contains("Configuration fault:         YES since")
                        .contains("HTTP " + status).contains("Parked (refused):            0");
                assertThat(jmx(slot, "ConfigurationFault")).isEqualTo(true);
                assertThat((Long) jmx(slot, "ConfigurationFaultsTotal")).isGreaterThanOrEqualTo(3L);

                cloud.answer(202); // the key is rotated back, the node re-enabled, the proxy fixed
                await().atMost(Duration.ofSeconds(20)).until(() -> cloud.distinctAccepted() == 5);
                assertThat(cloud.acceptedIds()).isEqualTo(ids);
                await().atMost(Duration.ofSeconds(5)).until(() -> !relay.status().configurationFault());
                assertThat(jmx(slot, "ConfigurationFault")).isEqualTo(false);
                assertThat(ParkAndRedriveIT.run(env, "status")).contains("Configuration fault:         none");
            }
        }
    }

    @Test
    void aCaptivePortalsTwoHundredDeletesNothingAndTheEventsFlowAfterwards() throws Exception {
        Nuc nuc = new Nuc("captive_portal");
        String slot = "captive_portal_slot";
        try (FakeCloud cloud = FakeCloud.start()) {
            Map<String, String> env = fastBackoff(nuc, cloud, slot);
            cloud.captivePortal(true);
            try (Relay relay = Relay.start(RelaySettings.fromEnvironment(env))) {
                nuc.awaitSlotActive(slot);
                List<String> ids = nuc.payOrders(3);

                await().atMost(Duration.ofSeconds(20)).until(() -> relay.counters().unconfirmedTotal() >= 3);
                assertThat(nuc.count("select count(*) from relay_delivered_event")).isZero();
                assertThat(nuc.count("select count(*) from cloud_event_queue where status = 'pending'")).isEqualTo(3);
                assertThat(relay.counters().deliveredTotal()).isZero();
                assertThat(relay.status().configurationFault()).isTrue();
                assertThat(ParkAndRedriveIT.run(env, "status")).contains("names none of the events sent");

                cloud.captivePortal(false); // the terms were accepted on the venue's Wi-Fi
                await().atMost(Duration.ofSeconds(20)).until(() -> cloud.distinctAccepted() == 3);
                assertThat(cloud.acceptedIds()).isEqualTo(ids);
                await().atMost(Duration.ofSeconds(5)).until(() -> nuc.count("select count(*) from relay_delivered_event") == 3);
            }
        }
    }

    @Test
    void theNucClocksSkewAgainstTheCloudIsShownInStatusAndOnJmx() throws Exception {
        Nuc nuc = new Nuc("clock_skew");
        String slot = "clock_skew_slot";
        try (FakeCloud cloud = FakeCloud.start()) {
            Map<String, String> env = fastBackoff(nuc, cloud, slot);
            Clock nucClock = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(3)); // the NUC is 3 min ahead
            try (Relay relay = Relay.start(RelaySettings.fromEnvironment(env), Clock.systemUTC(), nucClock)) {
                nuc.awaitSlotActive(slot);
                String eventId = nuc.payOrders(1).get(0);
                await().atMost(Duration.ofSeconds(20)).until(() -> cloud.timesAccepted(eventId) == 1);

                await().atMost(Duration.ofSeconds(5)).until(() -> relay.status().clockSkewMillis().isPresent());
                assertThat(relay.status().clockSkewMillis().getAsLong()).isBetween(179_000L, 182_000L);
                assertThat((Long) jmx(slot, "ClockSkewMillis")).isBetween(179_000L, 182_000L);
                assertThat(ParkAndRedriveIT.run(env, "status")).containsPattern("Clock skew vs cloud: +\\+1(79|80)\\.\\d s \\(NUC ahead\\)"
                        + "  -> fix the NUC's time sync");
            }
        }
    }

    private static Map<String, String> fastBackoff(Nuc nuc, FakeCloud cloud, String slot) {
        Map<String, String> env = nuc.env(cloud, slot);
        env.put("RELAY_BACKOFF_BASE", "200ms");
        env.put("RELAY_BACKOFF_CAP", "1s");
        return env;
    }

    private static Object jmx(String slot, String attribute) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        return server.getAttribute(new ObjectName("com.ordercontrol.relay:type=Relay,slot=" + slot), attribute);
    }
}
