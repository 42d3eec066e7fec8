package com.ordercontrol.relay.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercontrol.relay.delivery.CloudLinkState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RelayStatusTest {

    private static final Instant NOW = Instant.parse("2026-02-19T20:00:00Z");

    @Test
    void fullQueueReadsAsBackPressureWithAgesAndLag() {
        RelayStatus status = new RelayStatus(1000, 1000, Optional.of(Duration.ofMinutes(372)), 2, 1, true, true,
                OptionalLong.of(3_500_000), Optional.of(NOW.minusSeconds(90)), 0, Optional.empty());

        String text = status.render(NOW);

        assertThat(status.backPressure()).isTrue();
        assertThat(text).contains("Queue depth:                 1000 of 1000 events waiting")
                .contains("Oldest waiting event:        6 h 12 min old")
                .contains("Back-pressure:               ON")
                .contains("Parked (refused):            2  -> see the reasons below")
                .contains("Stuck (retrying):            1  -> the cloud keeps failing")
                .contains("Slot lag:                    3.3 MB (3500000 bytes)")
                .contains("Last delivery:               2026-02-19T19:58:30Z (90 s ago)");
    }

    @Test
    void missingSlotAndNoDeliveriesAreSaidPlainly() {
        RelayStatus status = new RelayStatus(0, 1000, Optional.empty(), 0, 0, false, false, OptionalLong.empty(),
                Optional.empty(), 0, Optional.empty());

        String text = status.render(NOW);

        assertThat(status.backPressure()).isFalse();
        assertThat(text).contains("Oldest waiting event:        none")
                .contains("Back-pressure:               off")
                .contains("Replication slot:            MISSING")
                .contains("Slot lag:                    unknown")
                .contains("Last delivery:               never")
                .contains("Cloud answer:                none yet")
                .contains("Configuration fault:         none")
                .contains("Clock skew vs cloud:         unknown");
    }

    @Test
    void configurationFaultAndClockSkewAreShoutedWithWhatToCheck() {
        CloudLinkState link = new CloudLinkState(NOW.minusSeconds(5), 401, OptionalLong.of(-312_400),
                Optional.of(NOW.minusSeconds(600)), Optional.of("HTTP 401: wrong signature"));
        RelayStatus status = new RelayStatus(12, 1000, Optional.of(Duration.ofMinutes(10)), 0, 0, true, true,
                OptionalLong.of(56), Optional.empty(), 0, Optional.of(link));

        String text = status.render(NOW);

        assertThat(status.configurationFault()).isTrue();
        assertThat(text).contains("Cloud answer:                HTTP 401 at 2026-02-19T19:59:55Z (5 s ago)")
                .contains("Configuration fault:         YES since 2026-02-19T19:50:00Z: HTTP 401: wrong signature"
                        + "  -> events are kept and retried, never parked")
                .contains("Clock skew vs cloud:         -312.4 s (NUC behind)  -> fix the NUC's time sync (NTP)");
    }

    @Test
    void aSmallSkewIsShownWithoutAlarm() {
        CloudLinkState link = new CloudLinkState(NOW, 202, OptionalLong.of(420), Optional.empty(), Optional.empty());
        RelayStatus status = new RelayStatus(0, 1000, Optional.empty(), 0, 0, true, true, OptionalLong.of(56),
                Optional.of(NOW), 0, Optional.of(link));

        assertThat(status.render(NOW)).contains("Configuration fault:         none")
                .contains("Clock skew vs cloud:         +0.4 s (NUC ahead)\n");
    }
}
