package com.ordercontrol.faultsuite;

import com.ordercontrol.localstack.Waits;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Samples every relay's queue depth twice a second and keeps the largest seen per venue. */
final class QueueMonitor implements AutoCloseable {

    private final Map<String, Integer> maxDepth = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    QueueMonitor(List<VenueBox> venues) {
        venues.forEach(v -> maxDepth.put(v.venueId, 0));
        thread = new Thread(() -> {
            while (running) {
                for (VenueBox venue : venues) {
                    depth(venue).ifPresent(d -> maxDepth.merge(venue.venueId, d, Math::max));
                }
                Waits.pause(Duration.ofMillis(500));
            }
        }, "queue-monitor");
        thread.setDaemon(true);
        thread.start();
    }

    static java.util.OptionalInt depth(VenueBox venue) {
        try (Connection c = venue.connect();
             ResultSet rs = c.createStatement().executeQuery(
                     "select count(*) from cloud_event_queue where status = 'pending'")) {
            rs.next();
            return java.util.OptionalInt.of(rs.getInt(1));
        } catch (SQLException e) {
            return java.util.OptionalInt.empty(); // the venue's database is down right now
        }
    }

    Map<String, Integer> maxDepth() {
        return Map.copyOf(maxDepth);
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
