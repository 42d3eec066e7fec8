package com.ordercontrol.relay.ops;

import com.ordercontrol.relay.delivery.CloudLinkState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The figures a venue technician (status command) and monitoring (JMX) see.
 *
 * @param pending              events waiting for delivery
 * @param capacity             the queue cap
 * @param oldestPendingAge     age of the oldest pending event
 * @param parked               events refused permanently, waiting for {@code redrive}
 * @param stuck                pending events past their max attempts (still retrying)
 * @param slotActive           whether the relay's replication slot is being read right now
 * @param slotExists           whether the slot exists at all
 * @param slotLagBytes         WAL written since the slot's confirmed position (what the slot pins)
 * @param lastDelivery         when the cloud last accepted an event
 * @param heldPastRetention    undelivered outbox events older than the retention window (kept, not purged)
 * @param cloudLink            what the relay last heard from the cloud (clock skew, configuration fault)
 */
public record RelayStatus(long pending, int capacity, Optional<Duration> oldestPendingAge, long parked, long stuck,
                          boolean slotExists, boolean slotActive, OptionalLong slotLagBytes,
                          Optional<Instant> lastDelivery, long heldPastRetention, Optional<CloudLinkState> cloudLink) {

    /** Beyond this the status shouts about the NUC clock (the cloud refuses signatures beyond 5 min). */
    static final Duration SKEW_ALARM = Duration.ofSeconds(60);

    /** True while the cloud refuses the node's configuration (401/403/404/410, a 2xx naming no event). */
    public boolean configurationFault() {
        return cloudLink.flatMap(CloudLinkState::faultSince).isPresent();
    }

    /** NUC clock minus the cloud's, when known. */
    public OptionalLong clockSkewMillis() {
        return cloudLink.map(CloudLinkState::clockSkewMillis).orElse(OptionalLong.empty());
    }

    /** True when the queue holds its cap and the relay has stopped reading the WAL. */
    public boolean backPressure() {
        return pending >= capacity;
    }

    /** Plain text for the {@code status} command. */
    public String render(Instant now) {
        StringBuilder out = new StringBuilder();
        line(out, "Queue depth", pending + " of " + capacity + " events waiting");
        line(out, "Oldest waiting event", oldestPendingAge.map(RelayStatus::human).map(a -> a + " old").orElse("none"));
        line(out, "Back-pressure", backPressure() ? "ON (queue full; new sales wait in the outbox)" : "off");
        line(out, "Parked (refused)", parked + (parked > 0 ? "  -> see the reasons below; fix, then run 'redrive'" : ""));
        line(out, "Stuck (retrying)", stuck + (stuck > 0 ? "  -> the cloud keeps failing; check the network and the cloud" : ""));
        line(out, "Replication slot", !slotExists ? "MISSING (start the relay; the sweep re-sends what was missed)"
                : slotActive ? "active" : "inactive (relay not running?)");
        line(out, "Slot lag", slotLagBytes.isPresent() ? bytes(slotLagBytes.getAsLong()) : "unknown");
        line(out, "Last delivery", lastDelivery.map(t -> t + " (" + human(Duration.between(t, now)) + " ago)").orElse("never"));
        line(out, "Undelivered past retention", String.valueOf(heldPastRetention));
        line(out, "Cloud answer", cloudLink.map(l -> (l.lastHttpStatus() < 0 ? "unreachable" : "HTTP " + l.lastHttpStatus())
                + " at " + l.lastAnswerAt() + " (" + human(Duration.between(l.lastAnswerAt(), now)) + " ago)").orElse("none yet"));
        line(out, "Configuration fault", cloudLink.flatMap(CloudLinkState::faultSince)
                .map(since -> "YES since " + since + ": " + cloudLink.get().faultReason().orElse("")
                        + "  -> events are kept and retried, never parked; check SERVER_NODE_ID, SERVER_API_KEY,"
                        + " the node in the cloud's registry, BACKOFFICE_API_URL, proxies, the clock")
                .orElse("none"));
        line(out, "Clock skew vs cloud", clockSkewMillis().isPresent() ? skew(clockSkewMillis().getAsLong()) : "unknown");
        return out.toString();
    }

    static String skew(long millis) {
        String text = String.format("%+.1f s (%s)", millis / 1000.0, millis >= 0 ? "NUC ahead" : "NUC behind");
        return Math.abs(millis) > SKEW_ALARM.toMillis()
                ? text + "  -> fix the NUC's time sync (NTP); beyond 300 s the cloud refuses signed requests"
                : text;
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format("%-28s %s%n", label + ":", value));
    }

    static String human(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return s / 60 + " min";
        }
        if (s < 172_800) {
            return s / 3600 + " h " + (s % 3600) / 60 + " min";
        }
        return s / 86_400 + " days";
    }

    static String bytes(long b) {
        if (b < 1024 * 1024) {
            return b + " bytes";
        }
        return String.format("%.1f MB (%d bytes)", b / (1024.0 * 1024.0), b);
    }
}
