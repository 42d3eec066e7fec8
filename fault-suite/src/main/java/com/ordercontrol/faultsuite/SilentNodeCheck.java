package com.ordercontrol.faultsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercontrol.localstack.CloudReportClient;
import com.ordercontrol.localstack.Waits;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Issue 12's proof that the cloud notices a dead NUC: once the system settled, one venue's relay is
 * stopped; the cloud's {@code GET /api/health/venues} must flag that venue silent within the threshold
 * (not before it, and while the other venues stay heard), and clear the flag once the relay runs again.
 */
final class SilentNodeCheck {

    /** Slack on top of the threshold and one heartbeat for a loaded machine's scheduling and polling. */
    static final Duration SLACK = Duration.ofSeconds(6);
    /** A restarted relay (a JVM and Debezium on a loaded box) must report again within this. */
    static final Duration RESTART_LIMIT = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(250);

    /**
     * @param venueId       the venue whose relay was stopped
     * @param heardBefore   every venue was heard (not silent) before the stop
     * @param flaggedAfter  from the stop until the cloud flagged the venue silent; null if it never did
     * @param othersHeard   the other venues were still heard when it was flagged
     * @param clearedAfter  from the restart until the flag cleared; null if it never did
     * @param silentAfter   the cloud's threshold
     */
    record Result(String venueId, boolean heardBefore, Duration flaggedAfter, boolean othersHeard,
                  Duration clearedAfter, Duration silentAfter) {

        /** Earliest a correct cloud may flag: the last report may have left up to one heartbeat before the stop. */
        Duration earliest() {
            return silentAfter.minus(VenueBox.HEALTH_INTERVAL).minusMillis(500);
        }

        Duration latest() {
            return silentAfter.plus(VenueBox.HEALTH_INTERVAL).plus(SLACK);
        }

        boolean ok() {
            return heardBefore && flaggedAfter != null && flaggedAfter.compareTo(earliest()) >= 0
                    && flaggedAfter.compareTo(latest()) <= 0 && othersHeard && clearedAfter != null;
        }
    }

    private SilentNodeCheck() {
    }

    static Result run(CloudReportClient cloud, VenueBox stopped, List<VenueBox> venues, Duration silentAfter,
                      Consumer<String> log) {
        List<String> all = venues.stream().map(v -> v.venueId).toList();
        boolean heardBefore = waitFor(() -> all.stream().noneMatch(id -> silent(cloud, id)), Duration.ofSeconds(30));
        log.accept("silent-node check: stopping the relay of " + stopped.venueId + " (threshold "
                + silentAfter.toSeconds() + " s)");
        long stop = System.nanoTime();
        stopped.killRelay();
        Duration flagged = null;
        boolean othersHeard = false;
        if (waitFor(() -> silent(cloud, stopped.venueId), silentAfter.plus(VenueBox.HEALTH_INTERVAL).plus(SLACK))) {
            flagged = Duration.ofNanos(System.nanoTime() - stop);
            othersHeard = all.stream().filter(id -> !id.equals(stopped.venueId)).noneMatch(id -> silent(cloud, id));
        }
        log.accept("silent-node check: " + stopped.venueId + (flagged == null ? " NOT flagged silent"
                : " flagged silent after " + flagged.toMillis() + " ms") + "; restarting its relay");
        long restart = System.nanoTime();
        stopped.startRelay();
        Duration cleared = null;
        if (waitFor(() -> !silent(cloud, stopped.venueId), RESTART_LIMIT)) {
            cleared = Duration.ofNanos(System.nanoTime() - restart);
        }
        log.accept("silent-node check: " + (cleared == null ? "flag NOT cleared" : "flag cleared "
                + cleared.toMillis() + " ms after the restart"));
        return new Result(stopped.venueId, heardBefore, flagged, othersHeard, cleared, silentAfter);
    }

    /** The venue's silent flag; an unreadable answer counts as silent (the check then fails on the others). */
    static boolean silent(CloudReportClient cloud, String venueId) {
        try {
            for (JsonNode venue : cloud.venueHealth().get("venues")) {
                if (venue.get("venueId").asText().equals(venueId)) {
                    return venue.get("silent").asBoolean();
                }
            }
            return true;
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Waits.pause(POLL);
        }
        return condition.getAsBoolean();
    }
}
