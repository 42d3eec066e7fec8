package com.ordercontrol.relay.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercontrol.contract.ContractJson;
import com.ordercontrol.relay.ops.RelayStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One node health report, as the cloud receives it ({@code POST /api/nodes/{nodeId}/health}, see
 * docs/wire-contract.md). A figure the relay cannot read now (the NUC database is away) is null, so the
 * cloud still learns that the relay itself is alive.
 *
 * @param reportedAt             the NUC's wall clock when the report was made
 * @param relayVersion           the relay's version
 * @param queueDepth             events waiting for delivery
 * @param oldestPendingAgeSeconds age of the oldest waiting event, null when none waits
 * @param backPressure           true while the queue is full and the WAL is not read
 * @param slotLagBytes           WAL retained by the replication slot
 * @param clockSkewMillis        NUC clock minus the cloud's, from the cloud's last {@code Date} header
 * @param parked                 events the cloud refused, waiting for {@code redrive}
 */
record HealthReport(Instant reportedAt, String relayVersion, Long queueDepth, Double oldestPendingAgeSeconds,
                    Boolean backPressure, Long slotLagBytes, Long clockSkewMillis, Long parked) {

    HealthReport {
        Objects.requireNonNull(reportedAt, "reportedAt");
        Objects.requireNonNull(relayVersion, "relayVersion");
        reportedAt = reportedAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The report from the figures of {@code status}.
     *
     * @param backPressureNow whether the WAL reader waits for room right now (besides a full queue)
     * @param clockSkewMillis the skew measured on the last answer, or null before any
     */
    static HealthReport of(Instant at, String version, RelayStatus status, boolean backPressureNow,
                           Long clockSkewMillis) {
        Long skew = clockSkewMillis != null ? clockSkewMillis
                : status.clockSkewMillis().isPresent() ? status.clockSkewMillis().getAsLong() : null;
        return new HealthReport(at, version, status.pending(),
                status.oldestPendingAge().map(HealthReport::seconds).orElse(null),
                status.backPressure() || backPressureNow,
                status.slotLagBytes().isPresent() ? status.slotLagBytes().getAsLong() : null, skew, status.parked());
    }

    /** The report when the NUC database cannot be read: only what the process itself knows. */
    static HealthReport withoutDatabase(Instant at, String version, boolean backPressureNow, Long clockSkewMillis) {
        return new HealthReport(at, version, null, null, backPressureNow ? Boolean.TRUE : null, null,
                clockSkewMillis, null);
    }

    /** The JSON body, in the field order of the wire contract; unknown figures as {@code null}. */
    byte[] toJson() {
        ObjectNode node = ContractJson.mapper().createObjectNode();
        node.put("reportedAt", reportedAt.toString());
        node.put("relayVersion", relayVersion);
        node.put("queueDepth", queueDepth);
        node.put("oldestPendingAgeSeconds", oldestPendingAgeSeconds);
        node.put("backPressure", backPressure);
        node.put("slotLagBytes", slotLagBytes);
        node.put("clockSkewMillis", clockSkewMillis);
        node.put("parked", parked);
        return ContractJson.write(node);
    }

    private static double seconds(Duration age) {
        return Math.max(0, age.toMillis()) / 1000.0;
    }
}
