package com.ordercontrol.ingest.health;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /api/health/venues}: each venue with its enabled nodes' last reports. A node is
 * silent when its last report is older than the threshold or it never reported; a venue is silent when
 * all its nodes are (a venue without nodes, or never heard from, is silent with {@code lastSeen} null).
 */
@JsonPropertyOrder({"silentAfterSeconds", "venues"})
record VenueHealth(long silentAfterSeconds, List<Venue> venues) {

    @JsonPropertyOrder({"venueId", "name", "silent", "lastSeen", "nodes"})
    record Venue(String venueId, String name, boolean silent, String lastSeen, List<Node> nodes) {
    }

    @JsonPropertyOrder({"nodeId", "lastSeen", "silent", "queueDepth", "oldestPendingAgeSeconds", "backPressure",
            "slotLagBytes", "clockSkewMillis", "relayVersion", "parked"})
    record Node(String nodeId, String lastSeen, boolean silent, Long queueDepth, Double oldestPendingAgeSeconds,
                Boolean backPressure, Long slotLagBytes, Long clockSkewMillis, String relayVersion, Long parked) {
    }

    /** Groups the table's rows (ordered by venue) into venues, judging silence at {@code now}. */
    static VenueHealth of(List<NodeHealthTable.Row> rows, Duration silentAfter, Instant now) {
        Instant cutoff = now.minus(silentAfter);
        Map<String, List<NodeHealthTable.Row>> byVenue = new LinkedHashMap<>();
        for (NodeHealthTable.Row row : rows) {
            byVenue.computeIfAbsent(row.venueId(), k -> new ArrayList<>()).add(row);
        }
        List<Venue> venues = new ArrayList<>();
        byVenue.forEach((venueId, venueRows) -> {
            List<Node> nodes = new ArrayList<>();
            Instant lastSeen = null;
            boolean anyHeard = false;
            for (NodeHealthTable.Row r : venueRows) {
                if (r.nodeId() == null) {
                    continue;
                }
                boolean silent = r.receivedAt() == null || r.receivedAt().isBefore(cutoff);
                anyHeard |= !silent;
                if (r.receivedAt() != null && (lastSeen == null || r.receivedAt().isAfter(lastSeen))) {
                    lastSeen = r.receivedAt();
                }
                nodes.add(new Node(r.nodeId(), text(r.receivedAt()), silent, r.queueDepth(),
                        r.oldestPendingAgeSeconds(), r.backPressure(), r.slotLagBytes(), r.clockSkewMillis(),
                        r.relayVersion(), r.parked()));
            }
            venues.add(new Venue(venueId, venueRows.get(0).venueName(), !anyHeard, text(lastSeen), nodes));
        });
        return new VenueHealth(silentAfter.toSeconds(), venues);
    }

    private static String text(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
