package com.ordercontrol.relay.delivery;

import com.ordercontrol.relay.counters.RelayCounters;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the link to the cloud: the NUC clock's skew against the cloud's {@code Date} header, and
 * configuration faults (401/403/404/410, a 2xx that names no event) that heal without anyone touching
 * the NUC, so they are retried, never parked, but raised loudly (WARN on every failed attempt, a
 * counter, a flag on JMX, a line in {@code status}). The state is saved for {@code status} when it
 * changes, and at most once a minute otherwise.
 */
final class CloudLink {

    private static final Logger log = LoggerFactory.getLogger(CloudLink.class);
    /** Standard Webhooks signatures are refused beyond ±5 min; say so well before. */
    static final Duration SKEW_ALARM = Duration.ofSeconds(60);
    private static final Duration SAVE_AT_LEAST_EVERY = Duration.ofSeconds(60);

    private final CloudLinkTable table;
    private final RelayCounters counters;
    private Instant faultSince;
    private String faultReason;
    private OptionalLong skew = OptionalLong.empty();
    private CloudLinkState saved;
    private boolean skewWarned;

    CloudLink(CloudLinkTable table, RelayCounters counters) {
        this.table = table;
        this.counters = counters;
    }

    /**
     * @param fault        the configuration fault this reply showed, if any
     * @param delivered    whether the reply delivered at least one event (the fault is over)
     */
    synchronized void observe(CloudReply reply, Optional<String> fault, boolean delivered, Instant nextAttempt) {
        Instant at = reply.receivedAt();
        reply.clockSkewMillis().ifPresent(this::skew);
        if (fault.isPresent()) {
            if (faultSince == null) {
                faultSince = at;
            }
            faultReason = fault.get();
            counters.configFault();
            log.warn("CONFIGURATION FAULT since {}: the cloud refuses this node's requests ({}). Events are kept"
                    + " and retried (next at {}), never parked. Check SERVER_NODE_ID, SERVER_API_KEY, the node's"
                    + " registration in the cloud, BACKOFFICE_API_URL, proxies and the NUC clock.",
                    faultSince, fault.get(), nextAttempt);
        } else if (delivered && faultSince != null) {
            log.warn("configuration fault over: the cloud accepts events again (fault since {})", faultSince);
            faultSince = null;
            faultReason = null;
            counters.configFaultCleared();
        }
        save(new CloudLinkState(at, reply.status(), skew, Optional.ofNullable(faultSince), Optional.ofNullable(faultReason)));
    }

    private void skew(long millis) {
        skew = OptionalLong.of(millis);
        counters.clockSkew(millis);
        boolean off = Math.abs(millis) > SKEW_ALARM.toMillis();
        if (off && !skewWarned) {
            log.warn("the NUC clock is {} s {} the cloud's (Date header); beyond 300 s the cloud refuses signed"
                    + " requests: fix the NUC's time synchronisation (NTP)", Math.abs(millis) / 1000,
                    millis > 0 ? "ahead of" : "behind");
        }
        skewWarned = off;
    }

    private void save(CloudLinkState state) {
        if (saved != null && !changed(saved, state)) {
            return;
        }
        try {
            table.save(state);
            saved = state;
        } catch (SQLException e) {
            log.warn("could not save the cloud link state for 'status': {}", e.toString());
        }
    }

    private static boolean changed(CloudLinkState before, CloudLinkState now) {
        long skewChange = Math.abs(now.clockSkewMillis().orElse(0) - before.clockSkewMillis().orElse(0));
        return before.lastHttpStatus() != now.lastHttpStatus()
                || !before.faultSince().equals(now.faultSince())
                || !before.faultReason().equals(now.faultReason())
                || before.clockSkewMillis().isPresent() != now.clockSkewMillis().isPresent()
                || skewChange >= 1000
                || Duration.between(before.lastAnswerAt(), now.lastAnswerAt()).compareTo(SAVE_AT_LEAST_EVERY) >= 0;
    }
}
