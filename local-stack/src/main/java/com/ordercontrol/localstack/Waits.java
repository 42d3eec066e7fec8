package com.ordercontrol.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for a started service to be ready, failing early (with its log) when it died. */
public final class Waits {

    private Waits() {
    }

    /** Waits until {@code condition} holds; fails when the service exits or the time is up. */
    public static void until(ServiceProcess service, Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            service.requireAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + "; last lines of " + service.logFile() + ":\n" + service.tail(40));
            }
            pause(Duration.ofMillis(100));
        }
    }

    /** Waits until the service listens on {@code port} of 127.0.0.1. */
    public static void listening(ServiceProcess service, int port, Duration timeout) {
        until(service, timeout, () -> portOpen(port), service.name() + " to listen on port " + port);
    }

    /** Waits until the relay's replication slot (its default name) on the given database is active. */
    public static void slotActive(ServiceProcess relay, String jdbcUrl, String user, Duration timeout) {
        until(relay, timeout, () -> slotActive(jdbcUrl, user), relay.name() + "'s replication slot to be active");
    }

    private static boolean slotActive(String jdbcUrl, String user) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, "");
             ResultSet rs = c.createStatement().executeQuery("select count(*) from pg_replication_slots"
                     + " where active and slot_name = '" + ServiceSpecs.RELAY_SLOT + "'")) {
            return rs.next() && rs.getInt(1) > 0;
        } catch (SQLException e) {
            return false;
        }
    }

    public static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Sleeps, keeping the interrupt flag. */
    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
