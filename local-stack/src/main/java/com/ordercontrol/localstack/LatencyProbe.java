package com.ordercontrol.localstack;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Measures commit-to-fact latency: from the moment the POS answered a pay or refund call (its
 * transaction has committed) to the moment the payment is a row in the cloud's {@code payment_facts}
 * (the refund in {@code refund_facts}). A background thread asks the cloud database every 2 ms which of
 * the pending ids have arrived (payment and refund ids are UUIDs, so one set holds both).
 */
public final class LatencyProbe implements AutoCloseable {

    private static final String SQL_ARRIVED = """
            select payment_id from payment_facts where venue_id = ? and payment_id = any (?)
            union all
            select refund_id from refund_facts where venue_id = ? and refund_id = any (?)
            """;

    private final Supplier<Connection> cloud;
    private final String venueId;
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private final List<Long> latenciesNanos = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean running = true;

    public LatencyProbe(Supplier<Connection> cloud, String venueId) {
        this.cloud = cloud;
        this.venueId = venueId;
        this.thread = new Thread(this::run, "latency-probe");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Call right after the POS confirmed the payments (or refunds) with these ids. */
    public void committed(List<String> ids) {
        long now = System.nanoTime();
        ids.forEach(id -> pending.put(id, now));
    }

    public int pendingCount() {
        return pending.size();
    }

    public int arrivedCount() {
        return latenciesNanos.size();
    }

    /** The p-th percentile (0-100) of the latencies seen so far. */
    public Duration percentile(double p) {
        List<Long> sorted;
        synchronized (latenciesNanos) {
            sorted = new ArrayList<>(latenciesNanos);
        }
        if (sorted.isEmpty()) {
            return Duration.ZERO;
        }
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return Duration.ofNanos(sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))));
    }

    private void run() {
        Connection connection = null;
        while (running) {
            try {
                if (connection == null) {
                    connection = cloud.get();
                }
                poll(connection);
                Waits.pause(Duration.ofMillis(2));
            } catch (SQLException | RuntimeException e) {
                closeQuietly(connection);
                connection = null;
                if (running) {
                    Waits.pause(Duration.ofMillis(200));
                }
            }
        }
        closeQuietly(connection);
    }

    private void poll(Connection connection) throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        String[] ids = pending.keySet().toArray(String[]::new);
        try (PreparedStatement statement = connection.prepareStatement(SQL_ARRIVED)) {
            Array array = connection.createArrayOf("text", ids);
            statement.setString(1, venueId);
            statement.setArray(2, array);
            statement.setString(3, venueId);
            statement.setArray(4, array);
            long now = System.nanoTime();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Long start = pending.remove(rs.getString(1));
                    if (start != null) {
                        latenciesNanos.add(now - start);
                    }
                }
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing a broken connection; nothing to do
            }
        }
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
