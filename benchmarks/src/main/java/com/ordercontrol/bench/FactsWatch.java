package com.ordercontrol.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches the cloud's {@code events} table (written in the same transaction as {@code payment_facts})
 * for one venue: how many of its events are facts, and for events registered as pending, the time from
 * their POS commit to the poll that first saw them (polled every 2 ms, so the figure is at most ~2 ms
 * late).
 */
final class FactsWatch implements AutoCloseable {

    private static final String COUNT = "select count(*) from events where venue_id = ?";
    private static final String ARRIVED = "select event_id from events where venue_id = ? and event_id = any (?)";

    private final Cloud cloud;
    private final String venueId;
    private final Map<String, Long> pending;
    private final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long count;
    private volatile long firstSeen;
    private volatile long lastChange;

    /** @param pending eventId -> System.nanoTime() of its commit; entries are removed as they arrive */
    FactsWatch(Cloud cloud, String venueId, Map<String, Long> pending) {
        this.cloud = cloud;
        this.venueId = venueId;
        this.pending = pending;
        this.thread = new Thread(this::loop, "facts-watch");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        try (Connection c = cloud.connect(); PreparedStatement countQuery = c.prepareStatement(COUNT);
             PreparedStatement arrivedQuery = c.prepareStatement(ARRIVED)) {
            countQuery.setString(1, venueId);
            arrivedQuery.setString(1, venueId);
            while (running) {
                if (!pending.isEmpty()) {
                    Array ids = c.createArrayOf("text", pending.keySet().toArray(String[]::new));
                    arrivedQuery.setArray(2, ids);
                    try (ResultSet rs = arrivedQuery.executeQuery()) {
                        long now = System.nanoTime();
                        while (rs.next()) {
                            Long committed = pending.remove(rs.getString(1));
                            if (committed != null) {
                                latencies.add(now - committed);
                            }
                        }
                    }
                }
                try (ResultSet rs = countQuery.executeQuery()) {
                    rs.next();
                    long n = rs.getLong(1);
                    long now = System.nanoTime();
                    if (n > 0 && firstSeen == 0) {
                        firstSeen = now;
                    }
                    if (n != count) {
                        lastChange = now;
                    }
                    count = n;
                }
                Thread.sleep(2);
            }
        } catch (SQLException e) {
            System.err.println("facts watch stopped: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long count() {
        return count;
    }

    /** System.nanoTime() when the first event of the venue was seen as a fact (0: none yet). */
    long firstSeen() {
        return firstSeen;
    }

    /** System.nanoTime() of the last change of the count. */
    long lastChange() {
        return lastChange;
    }

    long[] latencies() {
        synchronized (latencies) {
            return latencies.stream().mapToLong(Long::longValue).toArray();
        }
    }

    int pendingCount() {
        return pending.size();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
