package com.ordercontrol.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches the cloud's {@code events} table (written in the same transaction as {@code payment_facts})
 * for one venue's events, every 2 ms: how many of the backlog's events are facts, and for events
 * registered as pending, the time from their POS commit to the poll that first saw them (at most ~2 ms
 * late). Every poll is a primary-key lookup of a few hundred ids (the backlog's next unseen ones in commit
 * order, and the pending ones), so the watch costs the cloud database little: a {@code count(*)} of the
 * venue every 2 ms took about 40% of a core of the box it measures.
 */
final class FactsWatch implements AutoCloseable {

    /**
     * By primary key only. With {@code venue_id = ?} as well, the generic plan of this prepared statement
     * walked the venue's index ({@code venue_id, occurred_at}) and compared every row of the venue with the
     * id list: polls of up to 315 ms in the steady load (pg_stat_activity), seen as stalls of consecutive
     * orders whose latencies fell by their 20 ms spacing. Event ids are unique across venues.
     */
    private static final String ARRIVED = "select event_id from events where event_id = any (?)";
    /** Backlog ids looked up per poll; a contender keeps the venue's order, so arrivals are a prefix. */
    private static final int FRONTIER = 512;

    private final Cloud cloud;
    private final Map<String, Long> pending;
    private final Set<String> unseenBacklog;
    private final int backlogSize;
    /** {commit nanoTime, latency} per arrived pending event, to see when the slow ones were committed. */
    private final List<long[]> arrivals = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long count;
    private volatile long firstSeen;
    private volatile long lastChange;

    /**
     * @param backlog the backlog's eventIds in commit order
     * @param pending eventId -> System.nanoTime() of its commit; entries are removed as they arrive
     */
    FactsWatch(Cloud cloud, List<String> backlog, Map<String, Long> pending) {
        this.cloud = cloud;
        this.pending = pending;
        this.unseenBacklog = new LinkedHashSet<>(backlog);
        this.backlogSize = unseenBacklog.size();
        this.thread = new Thread(this::loop, "facts-watch");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        try (Connection c = cloud.connect(); PreparedStatement arrivedQuery = c.prepareStatement(ARRIVED)) {
            while (running) {
                if (!unseenBacklog.isEmpty()) {
                    String[] frontier = unseenBacklog.stream().limit(FRONTIER).toArray(String[]::new);
                    List<String> arrived = arrived(c, arrivedQuery, frontier);
                    long now = System.nanoTime();
                    arrived.forEach(unseenBacklog::remove);
                    long n = backlogSize - unseenBacklog.size();
                    if (n > 0 && firstSeen == 0) {
                        firstSeen = now;
                    }
                    if (n != count) {
                        lastChange = now;
                    }
                    count = n;
                }
                if (!pending.isEmpty()) {
                    List<String> arrived = arrived(c, arrivedQuery, pending.keySet().toArray(String[]::new));
                    long now = System.nanoTime();
                    for (String id : arrived) {
                        Long committed = pending.remove(id);
                        if (committed != null) {
                            arrivals.add(new long[] {committed, now - committed});
                        }
                    }
                }
                Thread.sleep(2);
            }
        } catch (SQLException e) {
            System.err.println("facts watch stopped: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> arrived(Connection c, PreparedStatement query, String[] ids) throws SQLException {
        Array array = c.createArrayOf("text", ids);
        query.setArray(1, array);
        List<String> found = new ArrayList<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        return found;
    }

    /** Backlog events seen as facts so far. */
    long count() {
        return count;
    }

    /** System.nanoTime() when the first backlog event was seen as a fact (0: none yet). */
    long firstSeen() {
        return firstSeen;
    }

    /** System.nanoTime() of the last change of the backlog count. */
    long lastChange() {
        return lastChange;
    }

    /**
     * The {@code n} slowest arrivals as "+12.345 s: 182.1 ms" (commit time after the first commit of the
     * steady load: stalls that recur at a fixed period, e.g. every second or every 10 s, show their cause).
     */
    List<String> slowest(int n) {
        synchronized (arrivals) {
            long first = arrivals.stream().mapToLong(a -> a[0]).min().orElse(0);
            return arrivals.stream().sorted((a, b) -> Long.compare(b[1], a[1])).limit(n)
                    .sorted((a, b) -> Long.compare(a[0], b[0]))
                    .map(a -> String.format("+%.3f s: %.1f ms", (a[0] - first) / 1e9, a[1] / 1e6)).toList();
        }
    }

    long[] latencies() {
        synchronized (arrivals) {
            return arrivals.stream().mapToLong(a -> a[1]).toArray();
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
